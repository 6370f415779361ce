// What the browser suites share: Debian's Chromium under Playwright, the server they talk to, and
// small waits on JupyterLab's DOM. The server is started by tests/e2e/test_browser.py, which passes:
//   CALLISTO_E2E_URL          the server's base URL, e.g. http://127.0.0.1:PORT/
//   CALLISTO_E2E_TOKEN        its token
//   CALLISTO_E2E_KERNEL       the kernelspec's display name, as the launcher shows it
//   CALLISTO_E2E_LANGUAGE     the kernelspec's language (suites that can run on other kernels pick code by it)
//   CALLISTO_E2E_SCREENSHOTS  where screenshots go (test artifacts, not committed)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';

export const server = {
  url: process.env.CALLISTO_E2E_URL ?? 'http://127.0.0.1:8888/',
  token: process.env.CALLISTO_E2E_TOKEN ?? '',
  kernel: process.env.CALLISTO_E2E_KERNEL ?? 'Java 17',
  language: process.env.CALLISTO_E2E_LANGUAGE ?? 'java',
  screenshots: process.env.CALLISTO_E2E_SCREENSHOTS ?? path.resolve('artifacts'),
};

// A cell of Java can take a while on a loaded 2-core CI machine (the first one starts a JVM).
export const CELL_TIMEOUT = 60_000;

export function address(page) {
  return `${server.url}${page}${page.includes('?') ? '&' : '?'}token=${server.token}`;
}

// Always Debian's Chromium, never a downloaded browser. Without the background-networking flags
// Chromium keeps trying to reach Google's hosts, which this network refuses.
export async function launchBrowser() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'callisto-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CALLISTO_E2E_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1400, height: 1000 },
  });
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(CELL_TIMEOUT);
  return {
    page,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page, name) {
  fs.mkdirSync(server.screenshots, { recursive: true });
  await page.screenshot({ path: path.join(server.screenshots, `${name}.png`) });
}

// The code cells of the notebook in view.
export function codeCells(page) {
  return page.locator('.jp-NotebookPanel:visible .jp-Notebook .jp-CodeCell');
}

// Types code into the last cell of the notebook and runs it with Shift+Enter, which appends a
// fresh cell below. Returns the cell that ran; pass wait: false for a cell that does not end.
export async function runCell(page, code, { wait = true } = {}) {
  const cell = await typeIntoLastCell(page, code);
  await page.keyboard.press('Shift+Enter');
  if (wait) {
    await finished(cell);
  } else {
    await cell.locator('.jp-InputArea-prompt', { hasText: '[*]' }).waitFor();
  }
  return cell;
}

export async function typeIntoLastCell(page, code) {
  // Pinned by index: Shift+Enter appends a cell, and .last() would then mean that one.
  const cell = codeCells(page).nth(await codeCells(page).count() - 1);
  await cell.locator('.cm-content').click();
  // insertText types no keys, so CodeMirror neither indents nor closes brackets on its own.
  await page.keyboard.insertText(code);
  return cell;
}

// Empties a cell's editor (clicking first: Escape may have left edit mode, where Ctrl+A selects cells).
export async function clearEditor(page, cell) {
  await cell.locator('.cm-content').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
}

// Waits until the page has connected to the notebook's kernel and it is idle. The toolbar names the kernel
// before that, and a cell run then does not run: the notebook skips a cell while its session has no kernel.
export async function kernelIdle(page) {
  await page.locator('.jp-NotebookPanel:visible .jp-Notebook-ExecutionIndicator[data-status="idle"]').waitFor();
}

// A run cell shows [n] in its prompt instead of [*].
export async function finished(cell) {
  await cell.locator('.jp-InputArea-prompt', { hasText: /\[\d+\]/ }).waitFor();
}

export async function outputText(cell) {
  const outputs = await cell.locator('.jp-OutputArea-output').allInnerTexts();
  return outputs.join('\n').trim();
}

// One browser page for a suite's steps, which run in order. Returns `step(name, async (page) => …)`;
// a step that fails leaves a screenshot named after it, to see what the page showed. With
// { dependent: true } each step builds on the one before, so after a failure the rest are skipped.
export function browserSuite({ dependent = false } = {}) {
  let browser;
  let failed = null;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  return (name, body) => test(name, async (t) => {
    if (dependent && failed) {
      t.skip(`after the failed step "${failed}"`);
      return;
    }
    try {
      await body(browser.page);
    } catch (error) {
      failed = name;
      if (browser) {
        await screenshot(browser.page, `FAILED ${name}`.replace(/[^\w -]+/g, ''));
      }
      throw error;
    }
  });
}

// Writes the kernel messages of the given types that the page sends and receives on its kernel
// websockets to `file`, one JSON line each as they pass, so a failing run shows what was said.
// Returns the list of those records, which grows as they pass.
export function recordKernelMessages(page, types, file) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '');
  const records = [];
  const start = Date.now();
  page.on('websocket', (socket) => {
    if (!socket.url().includes('/api/kernels/')) {
      return;
    }
    const record = (direction) => ({ payload }) => {
      const message = decodeKernelMessage(payload);
      if (message && types.includes(message.header?.msg_type)) {
        const entry = {
          ms: Date.now() - start, direction, channel: message.channel, msg_type: message.header.msg_type,
          parent: message.parent_header?.msg_type, content: message.content,
        };
        records.push(entry);
        fs.appendFileSync(file, JSON.stringify(entry) + '\n');
      }
    };
    socket.on('framesent', record('sent'));
    socket.on('framereceived', record('received'));
  });
  return records;
}

// A websocket frame as a kernel message: JSON text in the legacy protocol, or JupyterLab's binary
// v1.kernel.websocket.jupyter.org frame: a count n and n little-endian 64-bit offsets, then the parts
// channel, header, parent_header, metadata, content and any buffers (the last offset may be the end).
function decodeKernelMessage(payload) {
  try {
    if (typeof payload === 'string') {
      return JSON.parse(payload);
    }
    const count = Number(payload.readBigUInt64LE(0));
    const offsets = Array.from({ length: count }, (_, index) => Number(payload.readBigUInt64LE(8 * (index + 1))));
    const part = (index) => payload.subarray(offsets[index], offsets[index + 1] ?? payload.length).toString('utf8');
    return {
      channel: part(0), header: JSON.parse(part(1)), parent_header: JSON.parse(part(2)), content: JSON.parse(part(4)),
    };
  } catch {
    return null;
  }
}
