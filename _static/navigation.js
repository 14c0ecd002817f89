/*!
 * Sidebar toggles for "Partners and Rivals": focus goes back where it was (see _ext/navigation.py).
 *
 * sphinx-book-theme 1.3.0 blurs a sidebar toggle as soon as it is clicked (to dismiss its tooltip),
 * before pydata-sphinx-theme 0.17.1 records which element to give focus back to when the sidebar's
 * dialog closes. So closing a sidebar on a phone dropped focus on the page body, and on a desktop a
 * keyboard user lost their place after each press of the collapse button (a second Enter did
 * nothing). This script notes the toggle first (a listener on the document in the capture phase
 * runs before the button's own) and gives focus back to it, and it exposes the desktop sidebar's
 * state as aria-expanded.
 * Drop it with _ext/navigation.py when the themes are fixed (pydata-sphinx-theme#2451).
 */
(function () {
  "use strict";

  var WIDE = window.matchMedia("(min-width: 992px)"); // sphinx-book-theme's collapse breakpoint

  function primarySidebar() {
    return document.getElementById("pst-primary-sidebar");
  }

  function showExpanded() {
    var sidebar = primarySidebar();
    document.querySelectorAll(".bd-header-article .primary-toggle").forEach(function (toggle) {
      toggle.setAttribute("aria-controls", "pst-primary-sidebar");
      if (WIDE.matches && sidebar) {
        toggle.setAttribute("aria-expanded", sidebar.classList.contains("pst-sidebar-hidden") ? "false" : "true");
      } else {
        toggle.removeAttribute("aria-expanded"); // narrow screens: the toggle opens a dialog
      }
    });
  }

  // Focus the toggle again without its tooltip popping up over the text for a pointer user; the
  // tooltip comes back once focus moves on.
  function refocus(toggle, byKeyboard) {
    var tip = !byKeyboard && window.bootstrap && window.bootstrap.Tooltip.getInstance(toggle);
    if (tip) {
      tip.disable();
      toggle.addEventListener("blur", function () { tip.enable(); }, { once: true });
    }
    toggle.focus({ preventScroll: true });
  }

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest && event.target.closest(".bd-header-article .sidebar-toggle");
    if (!toggle) return;
    var byKeyboard = event.detail === 0; // Enter or Space on a button fires a click with no pointer
    // After both themes' handlers have run: either a sidebar dialog is open, or (wide screens) the
    // primary sidebar was collapsed or expanded in place.
    setTimeout(function () {
      var dialog = document.querySelector("dialog[id$='-sidebar-modal'][open]");
      if (dialog) {
        // Added after the base theme's own close handler (which focuses the body), so it runs last.
        dialog.addEventListener("close", function () { refocus(toggle, byKeyboard); }, { once: true });
      } else {
        refocus(toggle, byKeyboard);
        showExpanded();
      }
    }, 0);
  }, true);

  function start() {
    showExpanded();
    WIDE.addEventListener("change", showExpanded);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
