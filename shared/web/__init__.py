"""What every service's web entrypoints share: who is signed in, CSRF, pages and languages.

Services never import each other, so the coaches' one site is assembled from routers
that all lean on this package: the same session cookie, the same roles, the same page
layout and the same language choice, whichever service draws the page.
"""
