// One line at the bottom: mode, graph size, last run time, whether an input runs; or that the kernel died.
import { Text } from 'ink';
import type { Status } from './state.js';

export function StatusLine({ status }: { status: Status }) {
  if (!status.alive) {
    return <Text color="red" bold wrap="truncate-end">kernel died ({status.death}) — press Ctrl-R to restart and re-run</Text>;
  }
  const parts = [status.mode, `${status.opCount} op${status.opCount === 1 ? '' : 's'}`];
  if (status.lastRunMs !== null) parts.push(`last run ${formatMs(status.lastRunMs)}`);
  const activity = status.replaying ? 're-running the session… Ctrl-C stops' : status.busy ? 'running… Ctrl-C interrupts' : null;
  return (
    <Text color="gray" wrap="truncate-end">
      {parts.join(' · ')}
      {activity ? <Text color="yellow"> · {activity}</Text> : null}
    </Text>
  );
}

/** `8 µs`, `0.42 ms`, `12.3 ms`, `1.52 s`: a small graph's run takes microseconds. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms < 0.1) return `${Math.round(ms * 1000)} µs`;
  return `${ms < 10 ? ms.toFixed(2) : ms.toFixed(1)} ms`;
}
