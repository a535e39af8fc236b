/* Programme builder: drag blocks to reorder them (the arrow buttons do the same by
   keyboard), and keep the keyboard focus on the moved block after the list is redrawn. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var dragged = null;

  function list() { return document.getElementById("block-list"); }

  function sendOrder() {
    var form = document.getElementById("reorder");
    if (!form) { return; }
    form.querySelectorAll("input[name=order]").forEach(function (input) { input.remove(); });
    list().querySelectorAll("li[data-pk]").forEach(function (item) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = "order";
      input.value = item.dataset.pk;
      form.appendChild(input);
    });
    window.htmx.trigger(form, "reorder");
  }

  document.addEventListener("dragstart", function (event) {
    var item = event.target.closest && event.target.closest("#block-list li[draggable]");
    if (!item) { return; }
    dragged = item;
    item.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", item.dataset.pk);
  });

  document.addEventListener("dragover", function (event) {
    var over = event.target.closest && event.target.closest("#block-list li[data-pk]");
    if (!dragged || !over || over === dragged) { return; }
    event.preventDefault();
    var box = over.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    over.parentNode.insertBefore(dragged, after ? over.nextSibling : over);
  });

  document.addEventListener("drop", function (event) {
    if (dragged) { event.preventDefault(); }
  });

  document.addEventListener("dragend", function () {
    if (!dragged) { return; }
    dragged.classList.remove("dragging");
    dragged = null;
    sendOrder();
  });

  // A block was added: the add form starts empty again (not after a refused one).
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (form && form.id === "add-block" && event.detail.successful &&
        !document.querySelector("#programme-status [role=alert]")) {
      form.reset();
    }
  });

  document.addEventListener("htmx:afterSettle", function () {
    var blocks = list();
    var id = blocks && blocks.dataset.focus;
    if (id && document.getElementById(id)) { document.getElementById(id).focus(); }
  });
})();
