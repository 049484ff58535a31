// Draws the indicator charts from the JSON the page carries (json_script); no inline script (strict CSP).
(function () {
  "use strict";

  function draw() {
    var source = document.getElementById("indicator-charts-data");
    if (!source || typeof echarts === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    var text = data.labels; // the names, in the page's language
    var charts = [];

    var trend = echarts.init(document.getElementById("chart-trend"));
    trend.setOption({
      tooltip: { trigger: "axis" },
      legend: { data: [text.received, text.closed, text.on_time_rate] },
      xAxis: { type: "category", data: data.trend.months },
      yAxis: [
        { type: "value", name: text.unit_cases },
        { type: "value", name: "%", min: 0, max: 100 }
      ],
      series: [
        { name: text.received, type: "line", data: data.trend.received },
        { name: text.closed, type: "line", data: data.trend.closed },
        { name: text.on_time_rate, type: "line", yAxisIndex: 1, data: data.trend.on_time_rate, connectNulls: false }
      ]
    });
    charts.push(trend);

    var ranking = echarts.init(document.getElementById("chart-ranking"));
    ranking.setOption({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: function (v) { return v + "%"; } },
      grid: { left: 8, right: 40, containLabel: true },
      xAxis: { type: "value", min: 0, max: 100, name: "%" },
      yAxis: { type: "category", inverse: true, data: data.ranking.labels },
      series: [{ name: text.on_time_rate, type: "bar", data: data.ranking.values, label: { show: true, position: "right" } }]
    });
    charts.push(ranking);

    var timeliness = echarts.init(document.getElementById("chart-timeliness"));
    timeliness.setOption({
      tooltip: { trigger: "item" },
      legend: { bottom: 0 },
      color: ["#2e7d32", "#f9a825", "#c62828"],
      series: [{
        name: text.timeliness,
        type: "pie",
        radius: "65%",
        data: [
          { name: text.normal, value: data.timeliness.normal },
          { name: text.warning, value: data.timeliness.warning },
          { name: text.overdue, value: data.timeliness.overdue }
        ]
      }]
    });
    charts.push(timeliness);

    window.addEventListener("resize", function () {
      charts.forEach(function (chart) { chart.resize(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
