"""Figures of exercises: a skeleton posed by joint angles, drawn in braille."""
