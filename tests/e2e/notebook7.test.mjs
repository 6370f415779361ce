// Notebook 7 with Callisto: the example notebook opens and runs whole from the Run menu.
// test_browser.py puts it in the server's root as hello.ipynb, pointed at the kernelspec under test.
import assert from 'node:assert/strict';
import { address, codeCells, finished, browserSuite, kernelIdle, screenshot, server } from './browser.mjs';

const step = browserSuite();

step('opens the example notebook with the Java kernel', async (page) => {
  await page.goto(address('notebooks/hello.ipynb'));
  await codeCells(page).first().waitFor();
  await page.locator('.jp-NotebookPanel:visible .jp-KernelName', { hasText: server.kernel }).waitFor();
  await kernelIdle(page);
  await screenshot(page, 'notebook7-01-opened');
});

step('runs every cell from Run > Run All Cells', async (page) => {
  await page.locator('.lm-MenuBar-itemLabel', { hasText: /^Run$/ }).click();
  await page.locator('.lm-Menu-itemLabel', { hasText: /^Run All Cells$/ }).click();
  const cells = codeCells(page);
  const count = await cells.count();
  assert.ok(count >= 4, `the example has code cells (${count})`);
  for (let index = 0; index < count; index++) {
    await finished(cells.nth(index));
  }
  const outputs = [];
  for (let index = 0; index < count; index++) {
    outputs.push((await cells.nth(index).locator('.jp-OutputArea-output').allInnerTexts()).join('\n'));
  }
  assert.match(outputs[0], /Hello from Java \d+/);
  assert.equal(outputs[1], '5.0');
  assert.equal(outputs[2], '[1, 4, 9, 16, 25]');
  assert.equal(outputs[3], '"Hello, Callisto!"');
  const errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]');
  assert.equal(await errors.count(), 0, 'no cell failed');
  await screenshot(page, 'notebook7-02-ran');
});
