// Article reader: clicking an event highlights its evidence words in the text and scrolls to them;
// clicking highlighted words selects their event. ?event=ID opens the page on that event.
"use strict";

(() => {
  const items = [...document.querySelectorAll(".event-item")];
  const text = document.getElementById("article-text");

  function select(eventId, { scrollText = true } = {}) {
    document.querySelectorAll(".evidence.active, .event-item.active").forEach((node) => node.classList.remove("active"));
    const words = [...text.querySelectorAll(".evidence")].filter((node) => node.dataset.events.split(" ").includes(eventId));
    words.forEach((node) => node.classList.add("active"));
    const item = items.find((node) => node.dataset.event === eventId);
    if (item) item.classList.add("active");
    if (scrollText && words.length) words[0].scrollIntoView({ behavior: "smooth", block: "center" });
    else if (item) item.scrollIntoView({ behavior: "smooth", block: "nearest" });
  }

  items.forEach((item) => {
    item.addEventListener("click", () => select(item.dataset.event));
    item.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        select(item.dataset.event);
      }
    });
  });
  text.addEventListener("click", (event) => {
    const words = event.target.closest(".evidence");
    if (words) select(words.dataset.events.split(" ")[0], { scrollText: false });
  });

  const toggle = document.getElementById("show-removed");
  const removed = document.getElementById("removed");
  toggle.addEventListener("change", () => { removed.hidden = !toggle.checked; });

  const wanted = new URLSearchParams(window.location.search).get("event");
  if (wanted) select(wanted);
})();
