"""Stance: whom and what each actor endorses or blames, with the evidence."""
