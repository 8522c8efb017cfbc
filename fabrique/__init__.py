"""The Django project of the Fabrique du Bocage directory."""
