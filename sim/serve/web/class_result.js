// The class's predictions drawn against the simulated result, for the teacher's panel and
// the students' phones: for "share of secure infants" a histogram of the predicted shares
// with a line at the simulated share (and a dashed one at the comparison population's);
// for "which class rises" the count of each class predicted, the class that rose clearly
// (its rise's 95% interval above 0) outlined.
'use strict';

// Only makeClassResultView is global: the main page's own scripts (loaded before this one
// on the teacher's page) declare CLASS_COLOURS and the like at their top level too.
const makeClassResultView = (() => {
  // Okabe & Ito's colour-blind-safe palette, as on the main page.
  const CLASS_COLOURS = { A: '#E69F00', B: '#0072B2', C: '#009E73', D: '#D55E00' };
  const CLASS_WORDS = { A: 'A avoidant', B: 'B secure', C: 'C resistant', D: 'D disorganized' };
  const CLASS_KEYS = ['A', 'B', 'C', 'D'];
  const SHARE_BINS = Array.from({ length: 10 }, (_, i) => `${10 * i}–${10 * i + 10}`);

  // A share is null when no dyad of the run was classified (a preset without a Strange Situation).
  const percent = share => (share === null ? '–' : (100 * share).toFixed(1) + ' %');
  const points = difference => (difference >= 0 ? '+' : '−') + Math.abs(100 * difference).toFixed(1);

  // The comparison population in words: the question's preset without its slider moves, or
  // normative when the question moves no slider (a preset is not compared with itself).
  function comparisonName(result, question) {
    const preset = new URLSearchParams(result.baseline_query).get('preset') || 'normative';
    if (question.preset === preset) return `${question.title || preset.replaceAll('_', ' ')} without slider moves`;
    return `${preset.replaceAll('_', ' ')}: the question moves no slider, so its preset is compared with ${preset.replaceAll('_', ' ')}`;
  }

  // Vertical lines at shares (0-100) across the ten 10-point bins of the histogram.
  const shareMarkers = {
    id: 'shareMarkers',
    afterDatasetsDraw(chart, args, options) {
      const x = chart.scales.x;
      const area = chart.chartArea;
      const ctx = chart.ctx;
      const bin = x.getPixelForValue(1) - x.getPixelForValue(0);
      const left = x.getPixelForValue(0) - bin / 2;
      (options.markers || []).forEach((marker, i) => {
        const at = left + (marker.share / 10) * bin;
        ctx.save();
        ctx.strokeStyle = ctx.fillStyle = marker.colour;
        ctx.lineWidth = marker.width;
        ctx.setLineDash(marker.dash || []);
        ctx.beginPath();
        ctx.moveTo(at, area.top);
        ctx.lineTo(at, area.bottom);
        ctx.stroke();
        // The label beside its line, on its own row, kept inside the plot on a narrow phone.
        ctx.font = `bold ${options.fontSize}px system-ui, sans-serif`;
        const width = ctx.measureText(marker.label).width;
        const rightHalf = at > (area.left + area.right) / 2;
        const start = Math.max(area.left, Math.min(area.right - width, rightHalf ? at - 6 - width : at + 6));
        ctx.fillText(marker.label, start, area.top + (i + 1) * options.fontSize * 1.3);
        ctx.restore();
      });
    },
  };

  // `box`: an element holding a canvas-wrapping div.class-chart, a p.class-result-words and a
  // table.class-result-table; `fontSize`: the chart's text size in px (large on a projector).
  return function makeView(box, fontSize) {
    const canvas = box.querySelector('canvas');
    const words = box.querySelector('.class-result-words');
    const table = box.querySelector('.class-result-table');
    let chart = null;
    let chartKind = null;

    function buildChart(kind) {
      if (chart) chart.destroy();
      chartKind = kind;
      const font = { size: fontSize };
      const secure = kind === 'secure_share';
      chart = new Chart(canvas, {
        type: 'bar',
        data: {
          labels: secure ? SHARE_BINS : CLASS_KEYS.map(k => CLASS_WORDS[k]),
          datasets: [{
            label: 'predictions',
            data: [],
            backgroundColor: secure ? CLASS_COLOURS.B + '99' : CLASS_KEYS.map(k => CLASS_COLOURS[k]),
            borderColor: '#000',
            borderWidth: [],
          }],
        },
        options: {
          maintainAspectRatio: false,
          animation: { duration: 150 },
          plugins: { legend: { display: false }, shareMarkers: { markers: [], fontSize } },
          scales: {
            x: { ticks: { font }, title: { display: true, font, text: secure ? 'predicted share of secure infants (%)' : 'predicted to rise the most' } },
            y: { beginAtZero: true, ticks: { font, precision: 0 }, title: { display: true, font, text: 'students' } },
          },
        },
        plugins: secure ? [shareMarkers] : [],
      });
    }

    // The words under the chart and the per-class table once there is a result.
    function describe(state, mine) {
      const { question, predictions, result } = state;
      const lines = [];
      if (predictions) lines.push(`${predictions.count} prediction${predictions.count === 1 ? '' : 's'}.`);
      if (mine) lines.push(`Your prediction: ${question.kind === 'secure_share' ? mine.secure_share + ' %' : CLASS_WORDS[mine.rises]}.`);
      table.replaceChildren();
      table.hidden = !result;
      if (result) {
        const against = `the baseline (${comparisonName(result, question)})`;
        if (question.kind === 'secure_share') {
          lines.push(`Simulated: ${percent(result.current.B)} secure (${against}: ${percent(result.baseline.B)}).`);
        } else {
          const rise = result.rises && result.compare[result.rises];
          if (rise) lines.push(`Simulated: ${CLASS_WORDS[result.rises]} rose the most, ${points(rise.difference)} points against ${against}.`);
          // No rise whose 95 % interval lies above 0: the run cannot tell a rise from chance.
          else lines.push(`Simulated: no class rose clearly against ${against} (no rise's 95 % confidence interval lies above 0).`);
        }
        table.createCaption().textContent = `Baseline: ${comparisonName(result, question)}; the change in points with its 95 % confidence interval.`;
        table.createTHead().insertRow().append(...['class', 'baseline', 'this question', 'change (95 % CI)'].map(
          text => Object.assign(document.createElement('th'), { textContent: text })));
        const body = table.createTBody();
        for (const k of CLASS_KEYS) {
          const c = result.compare[k];
          const row = body.insertRow();
          row.insertCell().textContent = CLASS_WORDS[k];
          row.insertCell().textContent = percent(result.baseline[k]);
          row.insertCell().textContent = percent(result.current[k]);
          row.insertCell().textContent = c && c.ci95 ? `${points(c.difference)} (${points(c.ci95[0])}, ${points(c.ci95[1])})` : '–';
        }
      }
      words.textContent = lines.join(' ');
    }

    // Data attributes for the browser tests, as the main page's #distribution has.
    function mark(state, mine) {
      const { question, predictions, result } = state;
      box.dataset.kind = question.kind;
      box.dataset.count = predictions ? predictions.count : '';
      box.dataset.mine = mine ? (question.kind === 'secure_share' ? mine.secure_share : mine.rises) : '';
      box.dataset.state = result ? 'result' : 'predictions';
      for (const k of CLASS_KEYS) {
        box.dataset[`current${k}`] = result ? result.current[k] : '';
        box.dataset[`baseline${k}`] = result ? result.baseline[k] : '';
      }
      box.dataset.rises = result ? result.rises || 'none' : '';
      box.dataset.n = result ? result.n : '';
    }

    return {
      // `state`: /api/class/state's answer (with a question); `mine`: this student's own
      // prediction or null (the teacher has none).
      update(state, mine) {
        const { question, predictions, result } = state;
        if (chartKind !== question.kind) buildChart(question.kind);
        const secure = question.kind === 'secure_share';
        const counts = !predictions ? [] : secure ? predictions.secure_share : CLASS_KEYS.map(k => predictions.rises[k]);
        chart.data.datasets[0].data = counts;
        chart.data.datasets[0].borderWidth = secure ? 1 : CLASS_KEYS.map(k => (result && result.rises === k ? 5 : 0));
        if (secure) {
          const markers = [];
          if (result && result.current.B !== null) {
            markers.push({ share: 100 * result.current.B, colour: '#000', width: 4, label: `simulated ${percent(result.current.B)}` });
            markers.push({ share: 100 * result.baseline.B, colour: '#666', width: 2, dash: [8, 6], label: `baseline ${percent(result.baseline.B)}` });
          }
          if (mine) markers.push({ share: mine.secure_share, colour: CLASS_COLOURS.D, width: 3, dash: [2, 4], label: `yours ${mine.secure_share} %` });
          chart.options.plugins.shareMarkers.markers = markers;
        }
        chart.update();
        describe(state, mine);
        mark(state, mine);
      },
    };
  };
})();
