/* Behaviour that used to sit in inline handlers: the Content-Security-Policy allows only
   script files from this site, so pages mark elements with data attributes instead. */
(function () {
  "use strict";
  // <form data-confirm="Question?">: ask before submitting (removing, discarding).
  document.addEventListener("submit", function (event) {
    var question = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
  // <button data-action="print">: the print dialog.
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-action=print]")) {
      window.print();
    }
  });
})();
