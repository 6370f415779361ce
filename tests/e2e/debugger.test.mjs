// JupyterLab 4's debugger with the kernel under test, as a user drives it: the bug toggle in the notebook
// toolbar, a breakpoint set with a click in the cell's gutter, the cell stopping there with its line
// highlighted, the loop variable in the Variables panel, Next, Continue, and the cell's output at the end.
// The code of the cell is picked by the kernelspec's language, so the same steps run against ipykernel.
// Every debug_request, debug_reply and debug_event the page exchanges with the kernel is written to
// debugger-messages.jsonl beside the screenshots.
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  address, browserSuite, codeCells, finished, kernelIdle, outputText, recordKernelMessages, screenshot,
  server,
} from './browser.mjs';

// The same loop in each language: line 3 adds i to total, line 2 is the loop's head, which a step from
// line 3 reaches next; `i` is a local there, `total` a notebook variable (in Python, a global).
const PROGRAMS = {
  java: {
    code: [
      'int total = 0;',
      'for (int i = 0; i < 3; i++) {',
      '    total += i;',
      '}',
      'System.out.println("total " + total);',
    ],
    notebookScope: 'Notebook',
  },
  python: {
    code: [
      'total = 0',
      'for i in range(3):',
      '    total += i',
      '',
      'print("total", total)',
    ],
    notebookScope: 'Globals',
  },
};
const program = PROGRAMS[server.language];
const BREAKPOINT_LINE = 3;
const LOOP_HEAD_LINE = 2;
const MESSAGES = path.join(server.screenshots, 'debugger-messages.jsonl');

const suiteStep = browserSuite({ dependent: true });
let cell;
let messages = [];

// A step whose failure also names the debug requests the kernel answered with success: false, the
// likeliest cause when the page waits in vain (JupyterLab shows no error for most of them).
function step(name, body) {
  suiteStep(name, async (page) => {
    try {
      await body(page);
    } catch (error) {
      const refused = messages.filter(m => m.msg_type === 'debug_reply' && m.content.success === false)
        .map(m => `${m.content.command}: ${m.content.message}`);
      if (refused.length > 0) {
        throw new Error(`${error.message}\nThe kernel refused ${refused.join('; ')} (all messages: ${MESSAGES})`,
          { cause: error });
      }
      throw error;
    }
  });
}

function toolbar(page) {
  return page.locator('.jp-NotebookPanel:visible .jp-NotebookPanel-toolbar');
}

// The gutter of breakpoints in a cell's editor has one element per line after a hidden spacer.
function gutter(cell, line) {
  return cell.locator('.cm-gutter.cm-breakpoint-gutter > .cm-gutterElement:visible').nth(line - 1);
}

function editorLine(cell, line) {
  return cell.locator('.jp-InputArea .cm-content > .cm-line').nth(line - 1);
}

// Waits until the debugger highlights `line` of the cell, and only that line, as the top frame's.
async function stoppedAt(page, cell, line) {
  await editorLine(cell, line).and(page.locator('.jp-DebuggerEditor-highlight')).waitFor();
  assert.equal(await cell.locator('.jp-DebuggerEditor-highlight').count(), 1, 'one highlighted line');
  const frame = page.locator('.jp-DebuggerCallstackFrame').first();
  assert.match(await frame.locator('.jp-DebuggerCallstackFrame-location').innerText(), new RegExp(`:${line}$`));
}

// The value the Variables panel shows for `name` in the scope in view, once it shows `value`.
async function variableShows(page, name, value) {
  const row = page.locator('.jp-DebuggerVariables-body:visible jp-tree-item', {
    has: page.locator(`xpath=./span[contains(@class, "jp-DebuggerVariables-name") and text()="${name}"]`),
  });
  await row.locator(':scope > .jp-DebuggerVariables-detail', { hasText: new RegExp(`^${value}$`) }).waitFor();
}

// The callstack panel's buttons, enabled while a thread is stopped. The Continue button turns into Pause
// while JupyterLab thinks the thread runs, so it is found by its title as well as its command.
async function callstackButton(page, command, title) {
  const button = page.locator(`#jp-debugger-sidebar .jp-Toolbar jp-button[data-command="debugger:${command}"]`
    + `[title^="${title}"]`);
  await button.and(page.locator('[aria-disabled="false"]')).waitFor();
  await button.click();
}

step('opens a notebook and turns the debugger on', async (page) => {
  assert.ok(program, `no debugger program for the kernel's language ${server.language}`);
  messages = recordKernelMessages(page, ['debug_request', 'debug_reply', 'debug_event', 'execute_request', 'execute_reply'],
    MESSAGES);
  await page.goto(address('lab?reset'));
  await page.locator(`.jp-LauncherCard[data-category="Notebook"][title="${server.kernel}"]`).click();
  await codeCells(page).first().waitFor();
  await page.locator('.jp-NotebookPanel:visible .jp-KernelName', { hasText: server.kernel }).waitFor();
  await kernelIdle(page);
  // The toggle is enabled once the kernel is up and its kernelspec says it has a debugger.
  const bug = toolbar(page).locator('.jp-DebuggerBugButton');
  await bug.and(page.locator('[aria-disabled="false"]')).waitFor();
  await bug.click();
  await bug.and(page.locator('[aria-pressed="true"]')).waitFor();
  await page.locator('#jp-debugger-sidebar').waitFor();
  await screenshot(page, 'debugger-01-on');
});

step('sets a breakpoint with a click in the gutter', async (page) => {
  cell = codeCells(page).first();
  await cell.locator('.cm-content').click();
  // insertText types no keys, so CodeMirror neither indents nor closes brackets on its own.
  await page.keyboard.insertText(program.code.join('\n'));
  await gutter(cell, BREAKPOINT_LINE).click();
  await gutter(cell, BREAKPOINT_LINE).locator('.cm-breakpoint-icon').waitFor();
  await page.locator('.jp-DebuggerBreakpoint .jp-DebuggerBreakpoint-line', { hasText: `${BREAKPOINT_LINE}` })
    .waitFor();
  assert.equal(await page.locator('.jp-DebuggerBreakpoint').count(), 1, 'one breakpoint listed');
  await screenshot(page, 'debugger-02-breakpoint');
});

step('runs the cell and stops at the breakpoint', async (page) => {
  await cell.locator('.cm-content').click();
  await page.keyboard.press('Shift+Enter');
  await stoppedAt(page, cell, BREAKPOINT_LINE);
  assert.equal(await cell.locator('.jp-InputArea-prompt').innerText(), '[*]:', 'the cell is still running');
  await screenshot(page, 'debugger-03-stopped');
});

step('shows the loop variable in the Variables panel', async (page) => {
  await variableShows(page, 'i', '0');
  await screenshot(page, 'debugger-04-variables');
  // The notebook's own variables are a scope of their own.
  const scope = page.locator('.jp-DebuggerVariables-toolbar select[aria-label="Scope"]');
  const locals = await scope.inputValue();
  await scope.selectOption(program.notebookScope);
  await variableShows(page, 'total', '0');
  await screenshot(page, 'debugger-05-notebook-scope');
  await scope.selectOption(locals);
  await variableShows(page, 'i', '0');
});

step('steps over with Next to the head of the loop', async (page) => {
  await callstackButton(page, 'next', 'Next');
  await stoppedAt(page, cell, LOOP_HEAD_LINE);
  await screenshot(page, 'debugger-06-next');
});

step('continues to the breakpoint in the next round of the loop', async (page) => {
  await callstackButton(page, 'continue', 'Continue');
  await stoppedAt(page, cell, BREAKPOINT_LINE);
  await variableShows(page, 'i', '1');
  await screenshot(page, 'debugger-07-continued');
});

step('removes the breakpoint and continues to the end of the cell', async (page) => {
  await gutter(cell, BREAKPOINT_LINE).click();
  await gutter(cell, BREAKPOINT_LINE).locator('.cm-breakpoint-icon').waitFor({ state: 'detached' });
  await page.locator('.jp-DebuggerBreakpoint').waitFor({ state: 'detached' });
  await callstackButton(page, 'continue', 'Continue');
  await finished(cell);
  assert.equal(await outputText(cell), 'total 3');
  assert.equal(await cell.locator('.jp-DebuggerEditor-highlight').count(), 0, 'no line highlighted');
  await screenshot(page, 'debugger-08-finished');
});

step('turns the debugger off and runs the cell again', async (page) => {
  const bug = toolbar(page).locator('.jp-DebuggerBugButton');
  await bug.click();
  await bug.and(page.locator('[aria-pressed="false"]')).waitFor();
  const before = await cell.locator('.jp-InputArea-prompt').innerText();
  await cell.locator('.cm-content').click();
  await page.keyboard.press('Control+Enter');
  await cell.locator('.jp-InputArea-prompt', { hasText: /\[\d+\]/ }).filter({ hasNotText: before }).waitFor();
  assert.equal(await outputText(cell), 'total 3');
  await screenshot(page, 'debugger-09-off');
});
