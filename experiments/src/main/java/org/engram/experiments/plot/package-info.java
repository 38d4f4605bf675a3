/**
 * Figures of a run, drawn with JFreeChart and written as PNG, SVG (JFreeSVG) and PDF (JFreePDF).
 *
 * <p>One class per figure (forgetting curves, accuracy-matrix heat map, strategy comparison,
 * average accuracy after each task, learning curves, spike raster, population rate) builds a
 * {@link org.engram.experiments.plot.Figure}; {@link org.engram.experiments.plot.ChartStyle} holds
 * the fonts, colours and sizes they share.
 */
package org.engram.experiments.plot;
