"""The directory of tiers-lieux: places, their taxonomy, search and map."""
