// The schedule editor's dragging, on a wide screen only: every card's Move page already does
// the work without JavaScript; this fills in the same form from where a card is dropped (or
// how far its bottom edge is pulled) and posts it. A card that would overlap another in the
// same room is marked while it is dragged and goes back to its place when dropped: the
// server refuses such a move anyway. A click on an empty slot opens the new-session form
// there. interact.js (static/vendor/, the version locked in package-lock.json) does the
// pointer work: mouse, touch and pen alike, snapped to the grid.
(function () {
  "use strict";
  var grid = document.querySelector(".editor-grid");
  var wide = window.matchMedia("(min-width: 48rem)");
  if (!grid || !window.interact) return;

  var SNAP = Number(grid.dataset.snap || 5);
  var opens = minutesOf(grid.dataset.opens);

  function minutesOf(text) {
    var parts = text.split(":");
    return Number(parts[0]) * 60 + Number(parts[1]);
  }

  function clock(minutes) {
    var hours = Math.floor(minutes / 60);
    var rest = minutes % 60;
    return String(hours).padStart(2, "0") + ":" + String(rest).padStart(2, "0");
  }

  function slotHeight() {
    var hour = grid.querySelector(".editor-hour");
    return hour ? hour.getBoundingClientRect().height / 12 : 10;
  }

  function rooms() {
    return Array.prototype.map.call(grid.querySelectorAll(".editor-room"), function (cell) {
      var box = cell.getBoundingClientRect();
      return { name: cell.dataset.room, left: box.left, right: box.right };
    });
  }

  function roomAt(x) {
    var found = null;
    rooms().forEach(function (room) {
      if (x >= room.left && x <= room.right) found = room.name;
    });
    return found;
  }

  // Where a card would land: its room (from its middle) and its times, snapped.
  function landing(card, dx, dy, growBy) {
    var box = card.getBoundingClientRect();
    var moved = Math.round(dy / slotHeight()) * SNAP;
    var grown = Math.round((growBy || 0) / slotHeight()) * SNAP;
    var start = minutesOf(card.dataset.start) + moved;
    var end = minutesOf(card.dataset.end) + moved + grown;
    if (end <= start) end = start + SNAP;
    return {
      room: roomAt(box.left + box.width / 2) || card.dataset.room,
      start: start,
      end: end,
    };
  }

  function clashWith(card, spot) {
    var other = null;
    grid.querySelectorAll(".editor-card:not(.is-cancelled)").forEach(function (each) {
      if (each === card || each.dataset.room !== spot.room) return;
      var start = minutesOf(each.dataset.start);
      var end = minutesOf(each.dataset.end);
      if (spot.start < end && start < spot.end) other = each;
    });
    return other;
  }

  var note = document.createElement("p");
  note.className = "editor-drop-note";
  note.setAttribute("role", "status");
  note.hidden = true;
  grid.appendChild(note);

  function show(card, spot, clash) {
    var box = card.getBoundingClientRect();
    var gridBox = grid.getBoundingClientRect();
    note.hidden = false;
    note.style.left = box.left - gridBox.left + "px";
    note.style.top = box.bottom - gridBox.top + 4 + "px";
    note.textContent = clash
      ? "Clashes with " + clash.querySelector(".editor-card-title").textContent.trim()
      : spot.room + ", " + clock(spot.start) + "\u2013" + clock(spot.end);
    card.classList.toggle("is-clash", Boolean(clash));
  }

  function putBack(card) {
    card.style.transform = "";
    card.style.height = "";
    card.classList.remove("is-dragging", "is-clash");
    card.dataset.dx = card.dataset.dy = card.dataset.grow = "0";
    note.hidden = true;
  }

  // The page's one drag form: filled in from where the card landed and posted to the card's
  // own move address, with the version it was drawn from (a stale one is refused).
  function submitMove(card, spot) {
    var form = document.getElementById("editor-drag-form");
    form.action = card.dataset.moveUrl;
    form.elements.room.value = spot.room;
    form.elements.date.value = card.dataset.date;
    form.elements.start.value = clock(spot.start);
    form.elements.end.value = clock(spot.end);
    form.elements.version.value = card.dataset.version;
    note.textContent = "Saving\u2026";
    form.submit();
  }

  function finish(event) {
    var card = event.target;
    var dx = Number(card.dataset.dx || 0);
    var dy = Number(card.dataset.dy || 0);
    var grow = Number(card.dataset.grow || 0);
    var spot = landing(card, dx, dy, grow);
    var unchanged =
      spot.room === card.dataset.room &&
      clock(spot.start) === card.dataset.start &&
      clock(spot.end) === card.dataset.end;
    if (unchanged || clashWith(card, spot)) {
      putBack(card);
      return;
    }
    submitMove(card, spot);
  }

  function enable() {
    grid.querySelectorAll(".editor-card").forEach(function (card) {
      interact(card)
        .draggable({
          ignoreFrom: "a, button, input, select, form",
          modifiers: [
            interact.modifiers.snap({
              targets: [interact.snappers.grid({ x: 1, y: slotHeight() })],
              relativePoints: [{ x: 0, y: 0 }],
            }),
          ],
          listeners: {
            start: function (event) {
              event.target.classList.add("is-dragging");
            },
            move: function (event) {
              var card = event.target;
              var dx = Number(card.dataset.dx || 0) + event.dx;
              var dy = Number(card.dataset.dy || 0) + event.dy;
              card.dataset.dx = dx;
              card.dataset.dy = dy;
              card.style.transform = "translate(" + dx + "px, " + dy + "px)";
              var spot = landing(card, dx, dy, Number(card.dataset.grow || 0));
              show(card, spot, clashWith(card, spot));
            },
            end: finish,
          },
        })
        .resizable({
          edges: { bottom: true },
          modifiers: [
            interact.modifiers.snapSize({
              targets: [interact.snappers.grid({ width: 1, height: slotHeight() })],
            }),
          ],
          listeners: {
            start: function (event) {
              event.target.classList.add("is-dragging");
            },
            move: function (event) {
              var card = event.target;
              var grow = Number(card.dataset.grow || 0) + event.deltaRect.bottom;
              card.dataset.grow = grow;
              card.style.height = event.rect.height + "px";
              var spot = landing(card, 0, Number(card.dataset.dy || 0), grow);
              show(card, spot, clashWith(card, spot));
            },
            end: finish,
          },
        });
    });
  }

  // A new session from the tray: dropped on a room at a time, an hour long (the Place page
  // sets any length); nothing happens if it lands outside the rooms or on another session.
  function placeFromTray(event) {
    var item = event.target;
    var room = roomAt(event.client.x);
    var header = grid.querySelector(".editor-room").getBoundingClientRect();
    var start = opens + Math.floor((event.client.y - header.bottom) / slotHeight()) * SNAP;
    var spot = { room: room, start: start, end: start + Number(item.dataset.length || 60) };
    item.style.transform = "";
    item.dataset.dx = item.dataset.dy = "0";
    if (!room || event.client.y < header.bottom || clashWith(item, spot)) return;
    item.dataset.date = grid.dataset.day;
    submitMove(item, spot);
  }

  function enableTray() {
    document.querySelectorAll(".editor-tray-item").forEach(function (item) {
      interact(item).draggable({
        ignoreFrom: "a, button",
        listeners: {
          move: function (event) {
            var dx = Number(item.dataset.dx || 0) + event.dx;
            var dy = Number(item.dataset.dy || 0) + event.dy;
            item.dataset.dx = dx;
            item.dataset.dy = dy;
            item.style.transform = "translate(" + dx + "px, " + dy + "px)";
          },
          end: placeFromTray,
        },
      });
    });
  }

  // A click on the grid itself (not a card): the new-session form at that room and time.
  grid.addEventListener("click", function (event) {
    if (!wide.matches || event.target !== grid) return;
    var room = roomAt(event.clientX);
    if (!room) return;
    var header = grid.querySelector(".editor-room").getBoundingClientRect();
    var minutes = opens + Math.floor((event.clientY - header.bottom) / slotHeight()) * SNAP;
    var add = grid.querySelector(".editor-room a.editor-add");
    var url = new URL(add.href, window.location.href);
    url.searchParams.set("room", room);
    url.searchParams.set("start", clock(minutes));
    url.searchParams.set("end", clock(minutes + 60));
    window.location.assign(url.toString());
  });

  if (wide.matches) {
    enable();
    enableTray();
  }
})();
