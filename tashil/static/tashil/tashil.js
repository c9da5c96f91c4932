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

  /* The vendored picker reads and writes Latin, zero-padded dates (1405/09/13); people see and type ۱۴۰۵/۹/۱۳.
     So the field keeps what the person typed; once the calendar has opened, it is turned to the typed date's
     year and month through its own selects; a picked day is written in Persian digits. What was typed stays as
     typed, in either script: the server accepts both. */
  function showTypedMonth(input) {
    var parts = latinDigits(input.value.trim()).match(/^(\d{4})[\/-](\d{1,2})[\/-](\d{1,2})$/);
    if (!parts) return;
    [[".jdp-year select", parts[1]], [".jdp-month select", String(parseInt(parts[2], 10))]].forEach(function (pair) {
      var select = document.querySelector("jdp-container " + pair[0]);
      if (!select || select.value === pair[1]) return;
      select.value = pair[1];
      select.dispatchEvent(new Event("change"));
    });
  }

  function startDatePicker() {
    if (!window.jalaliDatepicker) return;
    document.addEventListener("focusin", function (event) {
      if (event.target.matches && event.target.matches("input[data-jdp]")) showTypedMonth(event.target);
    });
    document.addEventListener("jdp:change", function (event) {
      event.target.value = persianDigits(event.target.value);
    });
    /* Someone typing the date needs no calendar over the form (its last row covers the save button): close it,
       also once its 300 ms opening is over, since the picker shows itself again then. */
    document.addEventListener("input", function (event) {
      if (!event.isTrusted || !event.target.matches("input[data-jdp]")) return;
      window.jalaliDatepicker.hide();
      setTimeout(window.jalaliDatepicker.hide, 350);
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

  /* A dropdown of checkboxes says what is ticked («۲ مورد», or «همه») as boxes are ticked: a live filter bar is
     not drawn again, so its button would go on saying «همه» over a filtered list. */
  document.addEventListener("change", function (event) {
    var dropdown = event.target.closest && event.target.closest(".dropdown-checkboxes");
    if (!dropdown) return;
    var button = dropdown.querySelector("[data-bs-toggle=dropdown]");
    var ticked = dropdown.querySelectorAll("input[type=checkbox]:checked").length;
    button.textContent = ticked ? button.dataset.some.replace("{n}", persianDigits(String(ticked))) : button.dataset.all;
  });

  /* A live filter bar sends its search box as it is typed in (after a pause). The box's change event, fired when
     it loses focus, would send the same search again and redraw the rows and the export menu under the person's
     next click (the «خروجی» menu just opened closed itself): the form does not hear it, nor that of an
     autocomplete's search box, which sends nothing itself (its select, once chosen, does). */
  document.addEventListener("change", function (event) {
    var typed = "form[hx-get] input[name=q], form[hx-get] .autocomplete-search";
    if (event.target.matches && event.target.matches(typed)) event.stopPropagation();
  }, true);

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
            /* A new search that no longer finds the chosen object chooses among its own matches: the select
               would otherwise go on holding the earlier choice under a search for something else. */
            var found = data.results.some(function (item) { return String(item.id) === selected; });
            if (data.results.length && !found) selected = "";
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

/* The public site's language switch returns to the page as it is now, a live search included. */
document.addEventListener("htmx:pushedIntoHistory", function () {
  document.querySelectorAll("[data-testid=language-switch] input[name=return_url]").forEach(function (input) {
    input.value = location.pathname + location.search;
  });
});
