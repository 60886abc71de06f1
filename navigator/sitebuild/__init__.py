"""The site's plumbing: the MkDocs hooks, shipped assets, digest names, the offline copy, the page
policy and headers, compressed copies, search scopes and page weights (rendering is navigator.handbook)."""
