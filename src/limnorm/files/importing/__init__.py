"""``limnorm import``: a plan in Word, Excel or CSV becomes a ``spoorboekje.yaml``.

The work is split so that only reading touches files and third-party libraries:

- :mod:`.readers` reads ``.docx``, ``.xlsx`` and ``.csv`` into the neutral
  :mod:`.table` model (rows of cells as displayed);
- :mod:`.layout` finds header rows, themes and actions in those rows (pure);
- :mod:`.yamltext` writes the result as YAML laid out like the sample (pure);
- :mod:`.run` ties them together and writes the new file.
"""
