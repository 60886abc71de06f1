// The handbook's own script: the date in the print stamp ("printed on ..."). Nothing is stored or sent.
(function () {
  "use strict";
  function stampDate() {
    var today = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
    document.querySelectorAll(".printed-on").forEach(function (element) {
      element.textContent = today;
    });
  }
  stampDate();
  window.addEventListener("beforeprint", stampDate);
})();
