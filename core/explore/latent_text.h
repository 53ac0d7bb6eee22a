#pragma once
// A latent as text, the form exports record under "Latent" and `ganscope-cli sample --latent` takes back:
// comma-separated floats written with enough digits that every value reads back to the same float, so the
// image renders again bit for bit. Reading also accepts a JSON array or {"z": [...]}.
#include <string>
#include <vector>

namespace gs {

std::string latentToText(const std::vector<float>& z);
// Throws GanscopeError naming the first value that is not a number, or for an empty latent.
std::vector<float> latentFromText(const std::string& text);

}  // namespace gs
