import { chartToPng } from "./chart-image";
import type { PdfChart } from "./pdf-report";

/**
 * Every chart on the page marked for the report (an element with data-report-chart="Title"
 * around a recharts chart, optionally data-report-legend), drawn as images in page order.
 */
export async function collectCharts(root: ParentNode = document): Promise<PdfChart[]> {
  const charts: PdfChart[] = [];
  // Cards are translucent; the page's own background is opaque and what the chart sits on.
  const background = getComputedStyle(document.body).backgroundColor;
  for (const element of root.querySelectorAll<HTMLElement>("[data-report-chart]")) {
    // The chart's own surface; legend icons are small recharts surfaces too.
    const svg = element.querySelector<SVGSVGElement>(".recharts-wrapper > svg.recharts-surface");
    if (!svg) continue;
    charts.push({
      title: element.dataset.reportChart ?? "Chart",
      legend: element.dataset.reportLegend,
      image: await chartToPng(svg, background),
    });
  }
  return charts;
}
