/* Tashil's small amount of behaviour. No inline scripts anywhere: everything hooks in from here. */
(function () {
  "use strict";

  var PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹";
  var ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩";

  function latinDigits(text) {
    return text
      .replace(/[۰-۹]/g, function (d) { return PERSIAN_DIGITS.indexOf(d); })
      .replace(/[٠-٩]/g, function (d) { return ARABIC_DIGITS.indexOf(d); });
  }

  function persianDigits(text) {
    return text.replace(/[0-9]/g, function (d) { return PERSIAN_DIGITS[d]; });
  }

  /* The vendored picker reads and writes Latin digits (1405/09/13) and needs zero-padded parts; people see and
     type ۱۴۰۵/۹/۱۳. So a date field holds Persian digits, turns Latin and padded only while the picker reads it,
     and turns Persian again once a day is picked or the field is left. Typing either script keeps working: the
     server accepts both. */
  function startDatePicker() {
    if (!window.jalaliDatepicker) return;
    document.addEventListener("focusin", function (event) {
      var input = event.target;
      if (!input.matches || !input.matches("input[data-jdp]")) return;
      var parts = latinDigits(input.value.trim()).match(/^(\d{4})[\/-](\d{1,2})[\/-](\d{1,2})$/);
      if (parts) input.value = parts[1] + "/" + ("0" + parts[2]).slice(-2) + "/" + ("0" + parts[3]).slice(-2);
    }, true);
    ["jdp:change", "focusout"].forEach(function (name) {
      document.addEventListener(name, function (event) {
        if (event.target.matches && event.target.matches("input[data-jdp]")) {
          event.target.value = persianDigits(event.target.value);
        }
      });
    });
    /* minDate and maxDate are left out: the library reads their .year, so null there broke every date field. */
    window.jalaliDatepicker.startWatch({
      persianDigits: true,
      autoReadOnlyInput: false,
      showTodayBtn: true,
      showEmptyBtn: true,
      useDropDownYears: true,
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
