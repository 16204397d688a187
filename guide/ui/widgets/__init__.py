"""Small pieces several pages share: layouts, scrolling, delegates, cards, background calls."""
