//! TempEval-3 style evaluation of the tagger against gold TimeML.
