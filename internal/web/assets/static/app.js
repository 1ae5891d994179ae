// goldenthread's small enhancements: every page works without them.
"use strict";
(function () {
  // The running total of scored questions' weights on the profile form.
  function total(form) {
    var inputs = form.querySelectorAll("input[data-weight]");
    var out = form.querySelector("[data-weight-total]");
    if (!out || inputs.length === 0) return;
    var sum = 0, bad = false;
    inputs.forEach(function (el) {
      var box = form.querySelector("input[name='pick'][value='" + el.dataset.weight + "']");
      if (box && !box.checked) return;
      if (el.value.trim() === "") return;
      var v = Number(el.value);
      if (!isFinite(v) || v < 0) { bad = true; return; }
      sum += v;
    });
    sum = Math.round(sum * 100) / 100;
    out.textContent = bad ? "not a number" : String(sum);
    var ok = !bad && Math.abs(sum - 100) < 0.005;
    out.parentElement.classList.toggle("good", ok);
    out.parentElement.classList.toggle("bad", !ok);
  }
  // Filtering the clause picker as one types.
  function filter(input) {
    var q = input.value.trim().toLowerCase();
    document.querySelectorAll("[data-pick-text]").forEach(function (el) {
      el.hidden = q !== "" && el.dataset.pickText.indexOf(q) < 0;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-profile]").forEach(function (form) {
      form.addEventListener("input", function () { total(form); });
      form.addEventListener("change", function () { total(form); });
      total(form);
    });
    document.querySelectorAll("input[data-pick-filter]").forEach(function (input) {
      input.hidden = false;
      input.previousElementSibling && (input.previousElementSibling.hidden = false);
      input.addEventListener("input", function () { filter(input); });
    });
    var summary = document.querySelector(".error-summary");
    if (summary) summary.focus();
  });
})();
