
BprobabilityJ ыK╘;тY=И╪г= tЄ>№Є<>еп>╪,=?и>