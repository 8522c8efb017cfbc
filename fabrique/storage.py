"""Static files in production: compressed, cache-busting names, ES module imports included."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    # Our page scripts are ES modules importing each other (`./search-form.js`): their imports
    # are rewritten to the hashed names too, so browsers may cache every file for a year.
    support_js_module_import_aggregation = True
