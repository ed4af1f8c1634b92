"""The pages that bring the apps together: the home page, Mijn Akkoord and the
statements. Above the apps in the layers; the shared layout, charts and
formats they use are in akkoord.web, low in the layers."""
