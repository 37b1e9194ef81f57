// Finished inputs, written once above the live area by <Static> and left to the terminal's scrollback.
import { Static } from 'ink';
import type { HistoryItem } from './history-item.js';
import { ItemView } from './ItemView.js';

export function HistoryView({ items }: { items: HistoryItem[] }) {
  return <Static items={items}>{(item) => <ItemView key={item.key} item={item} />}</Static>;
}
