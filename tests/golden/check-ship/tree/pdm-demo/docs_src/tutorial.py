import sqlmodel
