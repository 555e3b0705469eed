$w.onReady(function () {
  // Site-wide code: runs on every page.
});
