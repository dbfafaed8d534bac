# coding: latin-1
import after_bom_conflict
