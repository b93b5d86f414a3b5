"""Build a property-management customer-service training handbook from policy data."""
