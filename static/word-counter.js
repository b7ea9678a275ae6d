// A live word count beside each box that has one: a `.counter` element carrying `data-for` (the
// box's id), `data-limit`, and the sentences to show within and over the limit, with `{words}` where
// the count goes. Words are counted as the server counts them: runs of letters, digits, apostrophes
// and hyphens. Without this script the page shows the count the server wrote.
'use strict';

(function () {
  const WORD = /[\p{Alphabetic}\p{N}'’-]+/gu;

  function count(text) {
    const words = text.match(WORD);
    return words ? words.length : 0;
  }

  for (const counter of document.querySelectorAll('.counter[data-for][data-limit]')) {
    const box = document.getElementById(counter.dataset.for);
    const limit = Number(counter.dataset.limit);
    if (!box || !(limit > 0)) continue;
    const show = () => {
      const words = count(box.value);
      const over = words > limit;
      const sentence = over ? counter.dataset.over : counter.dataset.within;
      counter.textContent = sentence.replace('{words}', String(words));
      counter.classList.toggle('over', over);
    };
    box.addEventListener('input', show);
    show();
  }
})();
