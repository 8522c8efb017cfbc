"""Hosts keep their place's listing: the edit page, its photos, its map and hours helpers."""
