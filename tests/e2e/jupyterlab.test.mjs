// JupyterLab 4 with Callisto, as a user drives it: one browser page, one notebook, steps in order.
// Each step leaves a screenshot under CALLISTO_E2E_SCREENSHOTS.
import assert from 'node:assert/strict';
import {
  address, clearEditor, codeCells, finished, browserSuite, kernelIdle, outputText, runCell, screenshot, server,
  typeIntoLastCell,
} from './browser.mjs';

const step = browserSuite();

step('opens a new Java notebook from the launcher', async (page) => {
  // ?reset: start from an empty workspace, whatever an earlier run left open.
  await page.goto(address('lab?reset'));
  const card = page.locator(`.jp-LauncherCard[data-category="Notebook"][title="${server.kernel}"]`);
  await card.click();
  await codeCells(page).first().waitFor();
  // The toolbar names the kernel once a session has started it.
  await page.locator('.jp-NotebookPanel:visible .jp-KernelName', { hasText: server.kernel }).waitFor();
  await kernelIdle(page);
  await screenshot(page, '01-new-notebook');
});

step('runs a cell and shows its output', async (page) => {
  const printed = await runCell(page, 'System.out.println("Hello from " + "Callisto");');
  assert.equal(await outputText(printed), 'Hello from Callisto');
  const result = await runCell(page, 'IntStream.rangeClosed(1, 6).sum() * 2');
  assert.equal(await outputText(result), '42');
  assert.equal(await result.locator('.jp-OutputArea-executeResult').count(), 1, 'the value is an execute_result');
  await screenshot(page, '02-output');
});

step('renders a compile error that points at the line', async (page) => {
  const cell = await runCell(page, 'int fine = 1;\nint broken = "text";');
  const error = cell.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]');
  const text = await error.innerText();
  assert.match(text, /incompatible types: java.lang.String cannot be converted to int/);
  assert.match(text, /line 2/);
  await screenshot(page, '03-compile-error');
});

step('displays an image', async (page) => {
  const cell = await runCell(page, [
    'var picture = new java.awt.image.BufferedImage(120, 60, java.awt.image.BufferedImage.TYPE_INT_RGB);',
    'var g = picture.createGraphics();',
    'g.setColor(java.awt.Color.ORANGE); g.fillOval(10, 5, 100, 50); g.dispose();',
    'picture',
  ].join('\n'));
  const image = cell.locator('.jp-RenderedImage img');
  await image.waitFor();
  assert.match(await image.getAttribute('src'), /^data:image\/png;base64,/);
  const width = await image.evaluate(img => img.complete ? img.naturalWidth : 0);
  assert.equal(width, 120);
  await screenshot(page, '04-image');
});

step('completes on Tab with kind icons', async (page) => {
  const cell = await typeIntoLastCell(page, 'String city = "Callisto";\ncity.to');
  await page.keyboard.press('Tab');
  const completer = page.locator('.jp-Completer');
  await completer.locator('.jp-Completer-item', { hasText: 'toUpperCase' }).waitFor();
  // Typed completions (_jupyter_types_experimental) get a coloured type mark per item.
  const types = await completer.locator('.jp-Completer-item .jp-Completer-type').allInnerTexts();
  assert.ok(types.length > 0, 'completion items carry a type mark');
  assert.ok(types.every(type => type.trim().length > 0), `every item has a kind: ${types}`);
  await screenshot(page, '05-completion');
  await page.keyboard.press('Escape');
  await completer.waitFor({ state: 'hidden' });
  await clearEditor(page, cell);
});

step('shows documentation on Shift+Tab', async (page) => {
  const cell = await typeIntoLastCell(page, 'Math.floorMod');
  await page.keyboard.press('Shift+Tab');
  // The tooltip's box appears before the kernel's answer fills it.
  const tooltip = page.locator('.jp-Tooltip', { hasText: 'Returns the floor modulus' });
  await tooltip.waitFor();
  assert.match(await tooltip.innerText(), /int Math\.floorMod\(int x, int y\)/);
  await screenshot(page, '06-docs');
  await page.keyboard.press('Escape');
  await page.locator('.jp-Tooltip').waitFor({ state: 'detached' });
  await clearEditor(page, cell);
});

step('answers an input box', async (page) => {
  const cell = await runCell(page,
    'String name = new Scanner(System.in).nextLine();\nSystem.out.println("Hello, " + name + "!");',
    { wait: false });
  const input = cell.locator('.jp-Stdin-input');
  await input.waitFor();
  await screenshot(page, '07-input-box');
  await input.fill('Ada');
  await input.press('Enter');
  await finished(cell);
  assert.match(await outputText(cell), /Hello, Ada!/);
  await screenshot(page, '08-input-answered');
});

step('the stop button stops a running loop', async (page) => {
  const cell = await runCell(page, 'long spins = 0;\nwhile (true) { spins++; }', { wait: false });
  await screenshot(page, '09-running');
  await page.locator('.jp-NotebookPanel:visible [data-jp-item-name="interrupt"] button').click();
  await finished(cell);
  assert.match(await outputText(cell), /interrupt/i);
  // The kernel is still there, and the declarations of earlier cells too.
  const next = await runCell(page, 'name + " is still here"');
  assert.equal(await outputText(next), '"Ada is still here"');
  await screenshot(page, '10-stopped');
});

step('shows the execution time of a cell with recordTiming on', async (page) => {
  // jupyterlab-execute-time reads the timestamps JupyterLab records when recordTiming is on.
  const cell = await runCell(page, 'Thread.sleep(300);');
  const timing = cell.locator('.execute-time');
  await timing.filter({ hasText: /Last executed at .* in / }).waitFor();
  const shown = await timing.innerText();
  const [, amount, unit] = shown.match(/in ([\d.]+)\s*(ms|s)/) ?? [];
  const millis = unit === 's' ? Number(amount) * 1000 : Number(amount);
  assert.ok(millis >= 300, `execution time ${shown} covers the 300 ms sleep`);
  await screenshot(page, '11-timing');
});

step("shows the kernel's memory from jupyter-resource-usage", async (page) => {
  // The status bar counts the server's processes and their children: the kernel and its executor JVMs.
  const memory = page.locator('#jp-main-statusbar', { hasText: /Mem:/ });
  await memory.waitFor();
  const text = await memory.innerText();
  const [, amount] = text.match(/Mem:\s*([\d.]+)/) ?? [];
  assert.ok(Number(amount) > 0, `status bar shows memory: ${text}`);
  // The Kernel Usage panel asks the kernel itself, with usage_request on the control channel;
  // Callisto counts its own JVM and the executors': never under 50 MB (as KernelIT's usage test), though
  // the panel may show a reading taken while the JVMs were still small (97 MB once on JDK 25).
  await page.locator('.lm-TabBar-tab[data-id="kernelusage-panel-id"]').click();
  const usage = page.locator('.jp-KernelUsage-content', { hasText: /Memory: [\d.]+ (MB|GB)/ });
  await usage.waitFor();
  const [, kernelMemory, unit] = (await usage.innerText()).match(/Memory: ([\d.]+) (MB|GB)/);
  assert.ok(unit === 'GB' || Number(kernelMemory) >= 50, `kernel memory ${kernelMemory} ${unit}`);
  assert.match(await usage.innerText(), /Host CPU/);
  await screenshot(page, '12-resource-usage');
});

step('restarts the kernel and runs again', async (page) => {
  await page.locator('.jp-NotebookPanel:visible [data-jp-item-name="restart"] button').click();
  await page.locator('.jp-Dialog .jp-mod-accept').click();
  await page.locator('.jp-Dialog').waitFor({ state: 'detached' });
  const cell = await runCell(page, 'System.out.println("fresh start " + (1 + 1));');
  assert.equal(await outputText(cell), 'fresh start 2');
  assert.equal(await cell.locator('.jp-InputArea-prompt').innerText(), '[1]:');
  await screenshot(page, '13-restarted');
});
