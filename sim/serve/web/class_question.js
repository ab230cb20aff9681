// A class question in words, for the teacher's panel and the students' phones: which
// population (the preset's title and what it changes from the normative one), the slider
// moves on top of it, the number of dyads, and what is asked.
'use strict';

// Two globals only (classQuestionQuery, showClassQuestion): the main page's scripts share
// the teacher page's global scope.
const [classQuestionQuery, showClassQuestion] = (() => {
  const CLASS_QUESTION_ASKS = {
    secure_share: 'What share of the infants will be classified secure (B) at 12 months?',
    class_rises: 'Which attachment class will rise the most against the comparison population?',
  };

  // The question's query from the main page's address: only the scenario's keys (preset,
  // sliders, dyads). The address holds more (a pinned baseline's counts), and a key the
  // population route does not know would make the server refuse the question.
  function questionQuery(search, controls) {
    const known = new Set(['preset', 'dyads', ...controls.map(c => c.id)]);
    const query = new URLSearchParams();
    for (const [key, value] of new URLSearchParams(search)) if (known.has(key)) query.set(key, value);
    return query.toString();
  }

  // `presets`: /api/presets' list ([] when unavailable); `controls`: /api/controls' list.
  function describeClassQuestion(question, presets, controls) {
    const query = new URLSearchParams(question.query);
    const presetId = question.preset || query.get('preset') || 'normative';
    const preset = presets.find(p => p.id === presetId);
    const title = question.title || (preset && preset.title) || presetId;
    const changes = preset ? [...preset.changes] : [];
    for (const c of controls) {
      if (!query.has(c.id)) continue;
      const start = preset && preset.controls && c.id in preset.controls ? preset.controls[c.id] : c.normative;
      changes.push(`${c.label}: ${query.get(c.id)} (${presetId === 'normative' ? 'normative' : title}: ${start})`);
    }
    if (query.has('dyads')) changes.push(`${Number(query.get('dyads')).toLocaleString('en')} simulated dyads`);
    // What the answer is compared with (the server's baseline): the preset without the slider
    // moves, or normative when the question moves no slider.
    const baseline = new URLSearchParams(question.baseline || '').get('preset') || 'normative';
    const against = baseline === presetId
      ? `Compared with: ${title} without these slider moves.`
      : `Compared with: the ${baseline.replaceAll('_', ' ')} population (the question moves no slider).`;
    return { title, changes, prompt: question.text || '', ask: CLASS_QUESTION_ASKS[question.kind] || question.kind, against };
  }

  // Fills `box` (an element) with the question's words: a heading, the list of changes, the
  // teacher's prompt and what is asked.
  function show(box, question, presets, controls) {
    const words = describeClassQuestion(question, presets, controls);
    box.replaceChildren();
    const heading = document.createElement('h2');
    heading.textContent = words.title;
    box.append(heading);
    if (words.changes.length) {
      const list = document.createElement('ul');
      list.className = 'class-changes';
      for (const line of words.changes) list.append(Object.assign(document.createElement('li'), { textContent: line }));
      box.append(list);
    }
    if (words.prompt) box.append(Object.assign(document.createElement('p'), { className: 'class-prompt', textContent: words.prompt }));
    box.append(Object.assign(document.createElement('p'), { className: 'class-ask', textContent: words.ask }));
    box.append(Object.assign(document.createElement('p'), { className: 'class-against', textContent: words.against }));
  }

  return [questionQuery, show];
})();
