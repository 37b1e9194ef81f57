// The REPL's command names (`:ops`, `:graph` …) without loading the commands: the Ink UI's process, which
// never loads tf, needs them to tell a `:command` typed after a lesson step's code. test/kernel-commands.test.ts
// keeps this list equal to the command table's (commands/index.ts).
export const COMMAND_NAMES: readonly string[] = [
  'help', 'mode', 'compare', 'ops', 'graph', 'nodedef', 'export', 'save-vars', 'restore-vars', 'reset', 'time',
  'desugar', 'save', 'load', 'history', 'chart', 'trace',
];
