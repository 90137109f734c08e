// The "shared with" boxes of a new agreement follow its category's defaults until the
// person ticks a box themselves. Without this script the boxes simply keep what is shown.
document.addEventListener("DOMContentLoaded", function () {
  var box = document.querySelector("[data-audience-defaults]");
  if (!box) return;
  var defaults = JSON.parse(box.dataset.audienceDefaults);
  var category = document.getElementById(box.dataset.categoryField);
  var touched = false;
  box.addEventListener("change", function () { touched = true; });
  if (!category) return;
  category.addEventListener("change", function () {
    if (touched) return;
    var wanted = defaults[category.value] || [];
    box.querySelectorAll("input[type=checkbox]").forEach(function (input) {
      input.checked = wanted.indexOf(input.value) !== -1;
    });
  });
});
