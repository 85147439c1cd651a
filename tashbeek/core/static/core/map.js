// Members map: vector circle markers, so they show even when no tile can be loaded.
(function () {
  "use strict";
  function draw() {
    var el = document.getElementById("members-map");
    if (!el || typeof L === "undefined") { return; }
    var map = L.map(el, { scrollWheelZoom: false });
    // Leaflet's and the tiles' credits are English: say so, whatever the page's language.
    var credits = map.attributionControl && map.attributionControl.getContainer();
    if (credits) { credits.lang = "en"; credits.dir = "ltr"; }
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: el.dataset.attribution || "" }).addTo(map);
    }
    var style = { radius: 7, weight: 2, color: "#0b5d4b", fillColor: "#1f8f72", fillOpacity: 0.85 };
    if (el.dataset.point) {
      var p = el.dataset.point.split(",").map(Number);
      // A text node, never HTML: Leaflet writes string tooltips as markup.
      var label = document.createElement("span");
      label.textContent = el.dataset.name || "";
      if (el.dataset.lang) { label.lang = el.dataset.lang; }
      L.circleMarker(p, style).addTo(map).bindTooltip(label);
      map.setView(p, 10);
      return;
    }
    fetch(el.dataset.source, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var layer = L.geoJSON(data, {
          pointToLayer: function (feature, latlng) {
            var marker = L.circleMarker(latlng, style);
            var link = document.createElement("a");
            link.href = feature.properties.url;
            link.textContent = feature.properties.name;
            if (feature.properties.lang) { link.lang = feature.properties.lang; }
            marker.bindPopup(link);
            return marker;
          }
        }).addTo(map);
        var bounds = layer.getBounds();
        if (bounds.isValid()) { map.fitBounds(bounds.pad(0.2)); } else { map.setView([31.5, 20], 3); }
        el.dataset.markers = String(data.features.length);
      });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
