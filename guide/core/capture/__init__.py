"""Read from screen, the parts that need no Qt: where a dragged rectangle lies on screens with
different scale factors, how the xdg-desktop-portal Screenshot exchange goes, and which way of
grabbing the screen works on which desktop. guide/ui/screenshot holds the grabbers and overlay."""
