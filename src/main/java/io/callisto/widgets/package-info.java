/**
 * Jupyter widgets (ipywidgets' models, widget protocol 2.1.0) for Java cells. Runs in the executor JVM, on top of
 * {@link io.callisto.comm}: each widget is a comm to the frontend's {@code jupyter.widget} target, whose state is
 * the model's traits as ipywidgets names them ({@code packages/schema/jupyterwidgetmodels.latest.json}).
 *
 * <p>Loading the first widget class registers, for the session, the {@code jupyter.widget.control} comm target
 * (so widgets survive a page reload) and the renderer that shows a widget when it is a cell's value or passed
 * to {@code display(…)}. Threads: cells run on their own thread, the frontend's messages and the listeners they
 * cause on the executor's comm thread; every widget is safe to read and set from both.
 */
package io.callisto.widgets;
