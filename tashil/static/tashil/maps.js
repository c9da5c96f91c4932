/* Maps without a tile server (the machines are offline): Iran's provinces drawn from the project's own
   GeoJSON, with points or a choropleth on top. Each map is a <div data-map="..."> configured by data-*. */
(function () {
  "use strict";
  var BASE_STYLE = { color: "#8aa3ad", weight: 1, fillColor: "#f7f9fa", fillOpacity: 1 };

  // Leaflet inserts a string tooltip as HTML; names come from users (a unit renamed to carry a link), so a
  // tooltip is always an element holding plain text.
  function text(value) {
    var span = document.createElement("span");
    span.textContent = value;
    return span;
  }

  function loadJson(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); });
  }

  function baseMap(element) {
    var map = L.map(element, { zoomControl: true, attributionControl: false, scrollWheelZoom: false });
    map.setView([32.5, 53.7], 5);
    return map;
  }

  function pointMap(element) {
    var map = baseMap(element);
    var lat = parseFloat(element.dataset.lat), lng = parseFloat(element.dataset.lng);
    loadJson(element.dataset.geojson).then(function (data) {
      L.geoJSON(data, { style: BASE_STYLE }).addTo(map);
      L.circleMarker([lat, lng], { radius: 8, color: "#084f4b", fillColor: "#f5b83d", fillOpacity: 1, weight: 2 })
        .addTo(map).bindTooltip(text(element.dataset.label || ""));
      map.setView([lat, lng], 9);
    });
  }

  function pointsMap(element) {
    var map = baseMap(element);
    Promise.all([loadJson(element.dataset.geojson), loadJson(element.dataset.points)]).then(function (results) {
      L.geoJSON(results[0], { style: BASE_STYLE }).addTo(map);
      var bounds = [];
      results[1].points.forEach(function (p) {
        var marker = L.circleMarker([p.lat, p.lng], { radius: 5, color: "#fff", weight: 1, fillColor: p.colour, fillOpacity: 0.9 });
        marker.bindTooltip(text(p.name + " — " + p.status));
        if (p.url) marker.on("click", function () { window.location.href = p.url; });
        marker.addTo(map);
        bounds.push([p.lat, p.lng]);
      });
      if (bounds.length) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 11 });
      element.dataset.ready = "1";
    });
  }

  function choroplethMap(element) {
    var map = baseMap(element);
    Promise.all([loadJson(element.dataset.geojson), loadJson(element.dataset.values)]).then(function (results) {
      var values = results[1].values, max = results[1].max || 1;
      function colour(v) {
        if (v === undefined || v === null) return "#eef1f3";
        var t = Math.max(0, Math.min(1, v / max));
        var shades = ["#e6f2f1", "#b9dcd9", "#7fbfb9", "#3f9c94", "#0b6e69", "#084f4b"];
        return shades[Math.min(shades.length - 1, Math.floor(t * (shades.length - 1) + 0.0001))];
      }
      L.geoJSON(results[0], {
        style: function (f) {
          var v = values[f.properties.name_registry];
          return { color: "#fff", weight: 1, fillColor: colour(v ? v.value : null), fillOpacity: 0.95 };
        },
        onEachFeature: function (f, layer) {
          var v = values[f.properties.name_registry];
          layer.bindTooltip(text(f.properties.name_registry + (v ? " — " + v.label : "")));
          if (v && v.url) layer.on("click", function () { window.location.href = v.url; });
        }
      }).addTo(map);
      map.fitBounds(L.geoJSON(results[0]).getBounds(), { padding: [10, 10] });
      element.dataset.ready = "1";
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.L) return;
    document.querySelectorAll("[data-map]").forEach(function (element) {
      var kind = element.dataset.map;
      if (kind === "point") pointMap(element);
      else if (kind === "points") pointsMap(element);
      else if (kind === "choropleth") choroplethMap(element);
    });
  });
})();
