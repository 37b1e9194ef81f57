// A panel's frame as Box props: rounded in the usual themes; in presenter mode no frame but the same
// room (a blank border row and column), so that rows and columns come out the same and nothing jumps.
import type { BoxProps } from 'ink';
import type { Theme } from './theme.js';

export function panelFrame(theme: Theme): Pick<BoxProps, 'borderStyle' | 'borderColor' | 'paddingX'> {
  if (theme.border === null) {
    return { borderStyle: { topLeft: ' ', top: ' ', topRight: ' ', left: ' ', bottomLeft: ' ', bottom: ' ', bottomRight: ' ', right: ' ' }, paddingX: 1 };
  }
  return { borderStyle: theme.border, borderColor: theme.borderColor, paddingX: 1 };
}
