"""Document assembly: the data contract, the template catalogue and rendering of DOCX files."""
