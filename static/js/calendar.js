/* The calendar page: copy the feed address to the clipboard. */
(function () {
  "use strict";
  var button = document.getElementById("copy-feed-url");
  var input = document.getElementById("feed-url");
  var status = document.getElementById("copy-status");
  if (!button || !input || !status) {
    return;
  }
  button.addEventListener("click", function () {
    input.select();
    var done = function () { status.textContent = button.dataset.copied; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done);
    } else {
      document.execCommand("copy");
      done();
    }
  });
})();
