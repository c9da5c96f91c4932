/* Tashil's small amount of behaviour. No inline scripts anywhere: everything hooks in from here. */
(function () {
  "use strict";

  function startDatePicker() {
    if (!window.jalaliDatepicker) return;
    window.jalaliDatepicker.startWatch({
      persianDigits: true,
      autoReadOnlyInput: false,
      showTodayBtn: true,
      showEmptyBtn: true,
      useDropDownYears: true,
      minDate: null,
      maxDate: null,
      zIndex: 2000,
    });
  }

  function confirmForms(root) {
    root.querySelectorAll("form[data-confirm]").forEach(function (form) {
      if (form.dataset.confirmBound) return;
      form.dataset.confirmBound = "1";
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.dataset.confirm)) event.preventDefault();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    startDatePicker();
    confirmForms(document);
  });
  document.body && document.body.addEventListener("htmx:afterSwap", function (event) {
    confirmForms(event.target);
  });
})();

/* Autocomplete selects: typing in the search box refills the select with matches from the server. */
(function () {
  "use strict";
  function bind(wrapper) {
    if (wrapper.dataset.bound) return;
    wrapper.dataset.bound = "1";
    var input = wrapper.querySelector(".autocomplete-search");
    var select = wrapper.querySelector("select");
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var url = wrapper.dataset.autocompleteUrl + "&q=" + encodeURIComponent(input.value);
        fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            var selected = select.value;
            var keep = Array.prototype.filter.call(select.options, function (o) { return o.value === "" || o.value === selected; });
            select.innerHTML = "";
            keep.forEach(function (o) { select.appendChild(o); });
            data.results.forEach(function (item) {
              if (String(item.id) === selected) return;
              var option = document.createElement("option");
              option.value = item.id;
              option.textContent = item.text;
              select.appendChild(option);
            });
            if (data.results.length && !selected) {
              select.value = String(data.results[0].id);
              select.dispatchEvent(new Event("change", { bubbles: true }));
            }
          });
      }, 250);
    });
  }
  function scan(root) { root.querySelectorAll(".autocomplete").forEach(bind); }
  document.addEventListener("DOMContentLoaded", function () { scan(document); });
  document.addEventListener("htmx:afterSwap", function (event) { scan(event.target); });
})();

/* A <select data-autosubmit> sends its form as soon as it changes. */
document.addEventListener("change", function (event) {
  if (event.target.matches("select[data-autosubmit]") && event.target.form) event.target.form.submit();
});
