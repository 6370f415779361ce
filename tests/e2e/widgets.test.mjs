// Java widgets in JupyterLab 4 with jupyterlab_widgets (ipywidgets' own frontend, from PyPI), as a user
// drives them: a slider whose Java observer updates a Label, a Button whose click prints under its cell, an
// IntProgress that advances while its cell's loop runs, an Output widget, and the page reloaded with the
// widgets still live. Each step leaves a screenshot; every comm message the page exchanges with the kernel
// is written to widgets-messages.jsonl beside them.
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  address, browserSuite, codeCells, finished, kernelIdle, outputText, recordKernelMessages, runCell,
  screenshot, server,
} from './browser.mjs';

const MESSAGES = path.join(server.screenshots, 'widgets-messages.jsonl');
const step = browserSuite({ dependent: true });
let messages = [];

// A failing step also names what the widget manager was told, the likeliest clue when a view never shows.
function widgetStep(name, body) {
  step(name, async (page) => {
    try {
      await body(page);
    } catch (error) {
      const closes = messages.filter(m => m.msg_type === 'comm_close').length;
      throw new Error(`${error.message}\n(${messages.length} comm messages so far, ${closes} comm_close; see ${MESSAGES})`,
        { cause: error });
    }
  });
}

// The widget views of a cell's outputs, once the widget manager has rendered them.
function views(cell, selector, options = {}) {
  return cell.locator(`.jp-OutputArea-output ${selector}`, options);
}

let sliderCell;

widgetStep('opens a notebook and makes a slider whose Java observer updates a label', async (page) => {
  messages = recordKernelMessages(page, ['comm_open', 'comm_msg', 'comm_close', 'comm_info_request',
    'comm_info_reply', 'create_subshell_request', 'create_subshell_reply'], MESSAGES);
  await page.goto(address('lab?reset'));
  await page.locator(`.jp-LauncherCard[data-category="Notebook"][title="${server.kernel}"]`).click();
  await codeCells(page).first().waitFor();
  await page.locator('.jp-NotebookPanel:visible .jp-KernelName', { hasText: server.kernel }).waitFor();
  await kernelIdle(page);
  sliderCell = await runCell(page, [
    'import io.callisto.widgets.*;',
    'var slider = new IntSlider().min(0).max(10).value(3).description("n");',
    'var label = new Label("n = 3");',
    'slider.observe("value", change -> label.value("n = " + change.newValue()));',
    'display(slider);',
    'display(label);',
  ].join('\n'));
  const handle = views(sliderCell, '.widget-slider .noUi-handle');
  await handle.waitFor();
  await views(sliderCell, 'div.widget-label', { hasText: 'n = 3' }).waitFor();
  // The slider's handle takes the keyboard, as a user's arrow keys move it.
  await handle.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await views(sliderCell, 'div.widget-label', { hasText: 'n = 5' }).waitFor();
  await screenshot(page, 'widgets-01-slider');
  const read = await runCell(page, 'slider.value()');
  assert.equal(await outputText(read), '5', 'Java reads the value the page set');
});

widgetStep('prints under its cell when a Button is clicked', async (page) => {
  const cell = await runCell(page, [
    'var button = new Button().description("Say hello");',
    'button.onClick(b -> System.out.println("hello from Java"));',
    'button',
  ].join('\n'));
  const button = cell.locator('.jp-OutputArea-output button.jupyter-button', { hasText: 'Say hello' });
  await button.waitFor();
  await button.click();
  // Into the cell's area for what its widgets' listeners print, an Output widget after the button.
  const printed = cell.locator('.jp-OutputArea-output .widget-output');
  await printed.filter({ hasText: 'hello from Java' }).waitFor();
  await button.click();
  await printed.filter({ hasText: /hello from Java\s+hello from Java/ }).waitFor();
  await screenshot(page, 'widgets-02-button');
});

widgetStep('advances an IntProgress while its cell runs', async (page) => {
  const cell = await runCell(page, [
    'var progress = new IntProgress().max(40).description("work");',
    'display(progress);',
    'for (int i = 1; i <= 40; i++) {',
    '    progress.value(i);',
    '    Thread.sleep(100);',
    '}',
    '"done"',
  ].join('\n'), { wait: false });
  const bar = cell.locator('.widget-hprogress .progress-bar');
  await bar.waitFor();
  // Seen part-way while the cell still runs: the updates arrive as the loop makes them.
  const width = () => bar.evaluate(element => parseFloat(element.style.width || element.style.height || '0'));
  let partWay = false;
  while (!partWay) {
    const percent = await width();
    const running = (await cell.locator('.jp-InputArea-prompt').innerText()).includes('*');
    assert.ok(running || percent > 0, 'the bar moved before the cell ended');
    if (percent > 0 && percent < 100 && running) {
      partWay = true;
    } else {
      await page.waitForTimeout(50);  // polling the page's own rendering; there is nothing to wait on
    }
  }
  await screenshot(page, 'widgets-03-progress-running');
  await finished(cell);
  assert.equal(await width(), 100);
  await screenshot(page, 'widgets-03-progress-done');
});

widgetStep('captures output into an Output widget', async (page) => {
  const cell = await runCell(page, [
    'var out = new Output();',
    'display(out);',
    'out.capture(() -> System.out.println("inside the output widget"));',
    'System.out.println("after the output widget");',
  ].join('\n'));
  await cell.locator('.widget-output', { hasText: 'inside the output widget' }).waitFor();
  const outside = await cell.locator('.jp-OutputArea-output').filter({ hasText: 'after the output widget' })
    .filter({ hasNot: page.locator('.widget-output') }).count();
  assert.equal(outside, 1, 'the cell\'s own print stays outside the Output widget');
  await screenshot(page, 'widgets-04-output');
});

widgetStep('keeps the widgets live after the page is reloaded', async (page) => {
  // Saved first, so the reload shows these cells; a first save asks for a name, which is kept.
  await page.keyboard.press('Control+s');
  await page.locator('.jp-Dialog').getByRole('button', { name: 'Rename and Save' }).click();
  await page.locator('.lm-TabBar-tab.jp-mod-current.jp-mod-dirty').waitFor({ state: 'detached' });
  await page.reload();
  await codeCells(page).first().waitFor();
  await kernelIdle(page);
  const cell = codeCells(page).first();
  // The views come back from the kernel's state (jupyter.widget.control), not from the saved notebook.
  const handle = cell.locator('.widget-slider .noUi-handle');
  await handle.waitFor();
  await cell.locator('div.widget-label', { hasText: 'n = 5' }).waitFor();
  await handle.focus();
  await page.keyboard.press('ArrowLeft');
  await cell.locator('div.widget-label', { hasText: 'n = 4' }).waitFor();
  await screenshot(page, 'widgets-05-reloaded');
  assert.ok(messages.some(m => m.msg_type === 'comm_msg' && m.content?.data?.method === 'update_states'),
    'the page asked the kernel for the widgets\' state');
});
