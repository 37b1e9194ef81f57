// The prompt's reducer: multi-line inputs, keys that come while the kernel works, Ctrl-C/D/R and Tab, fed the
// keys the decoder makes of what a terminal sends and the kernel's verdicts. `|` marks the cursor.
import { describe, expect, it } from 'vitest';
import { EXIT_HINT, HELD_HINT, heldHint } from '../src/ui/editor-reducer.js';
import { declaredNames } from '../src/ui/user-names.js';
import { editor, K, paste } from './ui-editor-harness.js';

describe('the editor: multi-line inputs', () => {
  const LOOP = 'for (let i = 0; i < 3; i++) {\n  total += i\n}';

  it('a paste with line breaks is one input at the cursor: nothing runs until Enter, which runs it whole', () => {
    const e = editor();
    e.type(paste('for (let i = 0; i < 3; i++) {\r\n  total += i\r\n}\r\n'));
    expect(e.shown()).toBe(`${LOOP}|`);
    expect(e.took()).toEqual([]);
    e.type(K.enter);
    expect(e.took()).toEqual([{ type: 'execute', code: LOOP }]);
  });

  it('Up and Down move between the lines of an input, keeping the column; only past its edges do they recall history', () => {
    const e = editor(['older']);
    e.type(paste(LOOP), K.up);
    expect(e.shown()).toBe('for (let i = 0; i < 3; i++) {\n | total += i\n}');
    e.type(K.end, K.left, K.left, K.left, K.up);
    expect(e.shown()).toBe('for (let |i = 0; i < 3; i++) {\n  total += i\n}');
    e.type(K.up);
    expect(e.shown()).toBe('older|');
    e.type(K.down);
    expect(e.shown()).toBe(`${LOOP}|`);
  });

  it('every line of a recalled input can be edited, and Enter runs the edited whole', () => {
    const e = editor([LOOP]);
    // Up recalls the input with the cursor on its first line, so a second Up goes on back through history.
    e.type(K.up);
    expect(e.state.input.cursor).toBe(LOOP.indexOf('\n'));
    e.type(K.home, ...Array(6).fill(K.altF), K.backspace, '5', K.down, K.end, ' * 2', K.enter);
    expect(e.executed()).toEqual(['for (let i = 0; i < 5; i++) {\n  total += i * 2\n}']);
  });

  it("an incomplete input comes back with a line break where the cursor was (the kernel's verdict decides)", () => {
    const e = editor();
    e.type('function twice(x) {', K.enter);
    expect(e.took()).toEqual([{ type: 'execute', code: 'function twice(x) {' }]);
    expect(e.shown()).toBe('|');
    e.verdict('incomplete');
    expect(e.shown()).toBe('function twice(x) {\n|');
    e.type('return x * 2 }', K.enter);
    expect(e.took()).toEqual([{ type: 'execute', code: 'function twice(x) {\nreturn x * 2 }' }]);
    e.verdict('ok');
    expect(e.took()).toEqual([{ type: 'remember', code: 'function twice(x) {\nreturn x * 2 }' }]);
    // Enter in the middle of an incomplete input breaks the line there.
    e.type('[1,2', K.left, K.enter);
    e.verdict('incomplete');
    expect(e.shown()).toBe('[1,\n|2');
  });

  it('Alt-Enter breaks the line without running it', () => {
    const e = editor();
    e.type('a', '\u001B\r', 'b');
    expect(e.shown()).toBe('a\nb|');
    expect(e.took()).toEqual([]);
  });
});

describe('the editor: keys that come while the kernel works', () => {
  it('a line and its Enter, then the next line and its Enter, in one read: both run, in order', () => {
    const e = editor();
    e.type('const x = tf.constant(1.0)\rconst y = x\r');
    expect(e.executed()).toEqual(['const x = tf.constant(1.0)']);
    // The second line is on the prompt; its Enter waits for the kernel's verdict on the first.
    expect(e.shown()).toBe('const y = x|');
    expect(e.state.hint).toBe(HELD_HINT);
    e.verdict('ok');
    expect(e.executed()).toEqual(['const x = tf.constant(1.0)', 'const y = x']);
    expect(e.shown()).toBe('|');
  });

  it('typed ahead of an incomplete verdict, a block arrives line by line and runs whole', () => {
    const e = editor();
    e.type('function f() {\r  return 1\r}\rf()');
    e.verdict('incomplete');
    e.verdict('incomplete');
    e.verdict('ok');
    expect(e.executed()).toEqual(['function f() {', 'function f() {\n  return 1', 'function f() {\n  return 1\n}']);
    expect(e.shown()).toBe('f()|');
  });

  it('an Enter while another input runs (a replay, a restart) waits until the kernel is idle', () => {
    const e = editor();
    e.send({ type: 'kernel', busy: true, alive: true });
    e.type('1 + 1\r2 + 2');
    expect(e.executed()).toEqual([]);
    e.send({ type: 'kernel', busy: false, alive: true });
    expect(e.executed()).toEqual(['1 + 1']);
    expect(e.shown()).toBe('2 + 2|');
  });

  it('Ctrl-C while an input runs interrupts it and drops the input waiting behind Enter: it never runs', () => {
    const e = editor();
    e.type('while (true) {}\r', 'sess.run(x)\r', 'more');
    e.took();
    // What waits behind the Enter shows in the hint.
    expect(heldHint(e.state)).toBe(`${HELD_HINT} · then: more`);
    e.type(K.ctrlC);
    expect(e.took()).toEqual([{ type: 'interrupt' }]);
    expect(e.state.held).toEqual([]);
    expect(e.state.hint).toBe('Ctrl-C: the input after Enter was dropped');
    e.verdict('error');
    expect(e.executed()).toEqual([]);
    expect(e.shown()).toBe('sess.run(x)|');
  });

  it('a UI command answers at once, even while an input runs', () => {
    const e = editor();
    e.type('train()\r', ':chart\r');
    expect(e.took()).toEqual([
      { type: 'execute', code: 'train()' },
      { type: 'local', action: { type: 'ui-command', code: ':chart' } },
      { type: 'remember', code: ':chart' },
    ]);
  });
});

describe('the editor: Ctrl-C, Ctrl-D, Ctrl-R, Tab', () => {
  it("a lesson's offered step goes on the empty prompt at once, or once the input on its way was answered; never over text typed meanwhile", () => {
    const e = editor();
    e.send({ type: 'offer', text: 'const a = 1' });
    expect(e.shown()).toBe('const a = 1|');
    e.type(K.enter);
    expect(e.executed()).toEqual(['const a = 1']);
    // Offered while the input runs, with text typed meanwhile: the text stays, the offer waits.
    e.send({ type: 'offer', text: 'a + 1' });
    e.type(K.ctrlA, 'void ');
    expect(e.shown()).toBe('void |');
    e.verdict('ok');
    expect(e.shown()).toBe('void |');
    // Not while the learner has text on the prompt: it waits until the prompt is empty and free again.
    e.type(K.enter);
    e.verdict('ok');
    expect(e.shown()).toBe('a + 1|');
  });

  it("a lesson's prompt sends an empty Enter as an input (the lesson offers the step again); elsewhere it does nothing", () => {
    const plain = editor();
    plain.type(K.enter);
    expect(plain.took()).toEqual([]);
    const lesson = editor([], { emptyEnter: true });
    lesson.type(K.enter);
    expect(lesson.took()).toEqual([{ type: 'execute', code: '' }]);
    // Its verdict is not remembered: Up recalls no empty input.
    lesson.verdict('ok');
    expect(lesson.took()).toEqual([]);
    lesson.type(K.up);
    expect(lesson.shown()).toBe('|');
  });

  it('Ctrl-C clears the input; on an empty one it warns, and a second exits; Ctrl-D exits on an empty line', () => {
    const e = editor();
    e.type('half typed', K.ctrlC);
    expect(e.shown()).toBe('|');
    e.type(K.enter);
    expect(e.took()).toEqual([]);
    e.type(K.ctrlC);
    expect(e.state.hint).toBe(EXIT_HINT);
    e.type(K.ctrlC);
    expect(e.took()).toEqual([{ type: 'exit' }]);
    e.type(K.ctrlD);
    expect(e.took()).toEqual([{ type: 'exit' }]);
  });

  it('Esc, Ctrl-G or a view key after the exit warning ends it, hint and all: the next Ctrl-C warns again', () => {
    for (const key of ['\u001B', '\u0007']) {
      const e = editor();
      e.type(K.ctrlC);
      expect(e.state.hint).toBe(EXIT_HINT);
      e.type(key);
      expect(e.state.hint, JSON.stringify(key)).toBeNull();
      e.type(K.ctrlC);
      expect(e.took().filter((x) => x.type === 'exit')).toEqual([]);
      expect(e.state.hint).toBe(EXIT_HINT);
    }
  });

  it('a dead kernel: Enter says so, Ctrl-R restarts it', () => {
    const e = editor();
    e.send({ type: 'kernel', busy: false, alive: false });
    e.type('1\r');
    expect(e.state.hint).toBe('the kernel is not running: Ctrl-R restarts it');
    e.type(K.ctrlR);
    expect(e.took()).toEqual([{ type: 'restart' }]);
  });

  it('Tab completes tf. names and the names inputs that ran declared, at the cursor; at a line start it indents', () => {
    const e = editor();
    e.type('const sess = tf.Session(); let [a, b] = [1, 2]\r');
    e.verdict('ok');
    e.type('const bad = 1\r');
    e.verdict('error');
    e.type('se', K.tab);
    expect(e.shown()).toBe('sess|');
    e.type(' + b', K.home, 'tf.con', K.tab);
    expect(e.shown()).toBe('tf.constant|sess + b');
    e.type(K.ctrlU, K.ctrlK, 'ba', K.tab);
    expect(e.shown()).toBe('ba|');
    expect(e.state.hint).toBeNull();
    e.type(K.ctrlU, K.tab);
    expect(e.shown()).toBe('  |');
  });

  it('Tab lists the candidates when several match', () => {
    const e = editor();
    e.type('tf.', K.tab);
    expect(e.state.hint).toBe('constant  matmul');
  });

  it("Tab on a member asks the kernel, and its answer fills the input it was asked for (sess.r → sess.run)", () => {
    const e = editor();
    e.type('x = sess.r', K.tab);
    const [asked] = e.took();
    expect(asked).toEqual({ type: 'complete', line: 'x = sess.r', text: 'x = sess.r', cursor: 10 });
    e.send({ type: 'completion', text: 'x = sess.r', cursor: 10, matches: ['sess.run'], prefix: 'sess.r' });
    expect(e.shown()).toBe('x = sess.run|');
    // Several: filled to their common part, then listed by their last part.
    e.type(K.ctrlU, 'w.', K.tab);
    e.send({ type: 'completion', text: 'w.', cursor: 2, matches: ['w.assign', 'w.assignAdd'], prefix: 'w.' });
    expect(e.shown()).toBe('w.assign|');
    e.type(K.tab);
    e.send({ type: 'completion', text: 'w.assign', cursor: 8, matches: ['w.assign', 'w.assignAdd'], prefix: 'w.assign' });
    expect(e.state.hint).toBe('assign  assignAdd');
    // Only the first line's part before the cursor is asked about; the rest of the input stays.
    e.type(K.ctrlU, 'tf.nn.co)', K.left, K.tab);
    expect(e.took()).toContainEqual({ type: 'complete', line: 'tf.nn.co', text: 'tf.nn.co)', cursor: 8 });
    e.send({ type: 'completion', text: 'tf.nn.co)', cursor: 8, matches: ['tf.nn.conv2d'], prefix: 'tf.nn.co' });
    expect(e.shown()).toBe('tf.nn.conv2d|)');
  });

  it('a completion that comes after the input changed is dropped; a plain name never waits for the kernel', () => {
    const e = editor();
    e.type('sess.r', K.tab, 'u');
    e.send({ type: 'completion', text: 'sess.r', cursor: 6, matches: ['sess.run'], prefix: 'sess.r' });
    expect(e.shown()).toBe('sess.ru|');
    e.took();
    e.type(K.ctrlU, 'nothing', K.tab);
    expect(e.took().filter((x) => x.type === 'complete')).toEqual([]);
  });
});

describe("the learner's names", () => {
  it('are the top-level declarations of an input, not those inside blocks, loops, strings or comments', () => {
    expect(declaredNames('const x = 1, y = f(2, 3); let z; var w = 0\nfunction step() { const inner = 1 }\nclass Net {}')).toEqual(['x', 'y', 'z', 'w', 'step', 'Net']);
    expect(declaredNames('for (let i = 0; i < 3; i++) { const t = i }')).toEqual([]);
    expect(declaredNames('const { a, b: c, ...rest } = o; const [d, , e = 1] = xs')).toEqual(['a', 'c', 'rest', 'd', 'e']);
    expect(declaredNames('"const no = 1" // let nope\nasync function go() {}')).toEqual(['go']);
  });
});
