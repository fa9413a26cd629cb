// explore.html's only job: the explorer is index.html now, so replace this page with it,
// keeping the query and the fragment (a shared view, #v1.…), and without a history entry.
location.replace(`index.html${location.search}${location.hash}`);
