"""What the places share: spaces (rooms, workshops, desks...) and equipment to borrow."""
