// One line at the bottom: mode, devices, graph size, variables, last run time, whether an input runs; or
// that the kernel died.
import { Text } from 'ink';
import type { Status } from './state.js';
import { useTheme } from './theme.js';

export function StatusLine({ status, devices = [] }: { status: Status; devices?: readonly string[] }) {
  const theme = useTheme();
  if (!status.alive) {
    return <Text color={theme.error} bold wrap="truncate-end">kernel died ({status.death}) — press Ctrl-R to restart and re-run</Text>;
  }
  const parts: string[] = [status.mode];
  if (devices.length > 0) parts.push(devices.join(' '));
  parts.push(`${status.opCount} op${status.opCount === 1 ? '' : 's'}`);
  const vars = variablesText(status.variables);
  if (vars !== null) parts.push(vars);
  if (status.lastRunMs !== null) parts.push(`last run ${formatMs(status.lastRunMs)}`);
  const activity = status.replaying ? 're-running the session… Ctrl-C stops' : status.busy ? 'running… Ctrl-C interrupts' : null;
  return (
    <Text color={theme.muted} wrap="truncate-end">
      {parts.join(' · ')}
      {activity ? <Text color={theme.warn}> · {activity}</Text> : null}
    </Text>
  );
}

/** `2 variables, not initialized`, `3 variables initialized`, `1 of 2 variables initialized`; null for none. */
export function variablesText(v: Status['variables']): string | null {
  if (v === null || v.total === 0) return null;
  const noun = `variable${v.total === 1 ? '' : 's'}`;
  if (v.initialized === 0) return `${v.total} ${noun}, not initialized`;
  if (v.initialized >= v.total) return `${v.total} ${noun} initialized`;
  return `${v.initialized} of ${v.total} ${noun} initialized`;
}

/** `8 µs`, `0.42 ms`, `12.3 ms`, `1.52 s`: a small graph's run takes microseconds. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms < 0.1) return `${Math.round(ms * 1000)} µs`;
  return `${ms < 10 ? ms.toFixed(2) : ms.toFixed(1)} ms`;
}
