// Show the agenda that belongs to the kind of meeting: the start questions (advice 1) for a
// start meeting, the standard agenda (advice 8) otherwise. Without JavaScript the server
// shows the agenda of the kind the page was opened with.
(function () {
  "use strict";
  var kind = document.getElementById("id_kind");
  if (!kind) return;
  var start = document.getElementById("agenda-start");
  var standard = document.getElementById("agenda-standard");
  function show() {
    var isStart = kind.value === "start";
    start.hidden = !isStart;
    standard.hidden = isStart;
  }
  kind.addEventListener("change", show);
  show();
})();
